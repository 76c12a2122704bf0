using System.Text.Json;

namespace CitizenBot.Dialogs.Understanding;

/// <summary>
/// What ships beside the two model files (<c>Understanding/model/model.json</c>): the hash of the corpus they were
/// trained on, how many messages that was, and the thresholds chosen by cross-validation.
/// </summary>
public sealed record ModelCard(string CorpusHash, int TrainedMessages, UnderstandingThresholds Thresholds)
{
    public const string FileName = "model.json";

    private const string ResourcePrefix = "CitizenBot.Dialogs.Understanding.model.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(string folder, ModelCard card) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(card, Json) + "\n");

    public static ModelCard Read(Stream stream) =>
        JsonSerializer.Deserialize<ModelCard>(stream, Json) ?? throw new InvalidDataException($"{FileName} is empty.");

    /// <summary>The card of the models embedded in this assembly.</summary>
    public static ModelCard Embedded()
    {
        using var stream = OpenEmbedded(FileName);
        return Read(stream);
    }

    /// <summary>The models embedded in this assembly (what the bot runs with).</summary>
    public static MessageClassifier LoadEmbedded()
    {
        var card = Embedded();
        using var route = OpenEmbedded(MessageClassifier.RouteFile);
        using var safety = OpenEmbedded(MessageClassifier.SafetyFile);
        return MessageClassifier.Load(route, safety, card.Thresholds);
    }

    /// <summary>The models in a folder written by the trainer.</summary>
    public static MessageClassifier LoadClassifier(string folder)
    {
        ModelCard card;
        using (var stream = File.OpenRead(Path.Combine(folder, FileName)))
        {
            card = Read(stream);
        }

        using var route = File.OpenRead(Path.Combine(folder, MessageClassifier.RouteFile));
        using var safety = File.OpenRead(Path.Combine(folder, MessageClassifier.SafetyFile));
        return MessageClassifier.Load(route, safety, card.Thresholds);
    }

    private static Stream OpenEmbedded(string name) =>
        typeof(ModelCard).Assembly.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidOperationException(
            $"Understanding/model/{name} is not embedded. Train the models: dotnet run --project tests/CitizenBot.Understanding.Eval -- train");
}
