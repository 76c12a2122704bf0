using System.Text.Json;
using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Understanding.Eval;

/// <summary>
/// A CNN's probabilities per message, kept on disk (artifacts/, not committed) under the corpus hash and the settings,
/// so that the <c>cnn</c> verb reports again without training again.
/// </summary>
internal sealed class CnnReadings(string folder, string corpusHash, string labels, CnnSettings settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string PathOf(string name) =>
        Path.Combine(folder, $"{corpusHash[..16]}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(settings.ToString())))[..8]}-{labels}-{name}.jsonl");

    /// <summary>The readings of <paramref name="name"/> when kept for every message of <paramref name="messages"/>.</summary>
    public Reading? Read(string name, IReadOnlyList<CorpusMessage> messages)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        var labels = JsonSerializer.Deserialize<string[]>(lines[0], Json) ?? [];
        var byText = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            if (JsonSerializer.Deserialize<Kept>(line, Json) is { } kept)
            {
                byText[kept.Text] = kept.P;
            }
        }

        return messages.All(m => byText.ContainsKey(m.Text))
            ? new Reading(labels, [.. messages.Select(m => byText[m.Text])])
            : null;
    }

    public void Write(string name, IReadOnlyList<CorpusMessage> messages, Reading reading)
    {
        Directory.CreateDirectory(folder);
        using var writer = new StreamWriter(PathOf(name));
        writer.WriteLine(JsonSerializer.Serialize(reading.Labels, Json));
        for (var i = 0; i < messages.Count; i++)
        {
            writer.WriteLine(JsonSerializer.Serialize(new Kept(messages[i].Text, reading.Probabilities[i]), Json));
        }
    }

    private sealed record Kept(string Text, float[] P);
}

/// <summary>A CNN's labels and, per message, its probability for each.</summary>
internal sealed record Reading(IReadOnlyList<string> Labels, IReadOnlyList<float[]> Probabilities)
{
    /// <summary>The probability that a message is an emergency: one minus that of "none".</summary>
    public float[] Emergency()
    {
        var none = Labels.ToList().IndexOf(SafetyLabels.None);
        return [.. Probabilities.Select(p => 1 - p[none])];
    }

    /// <summary>Each message's probability per intent (route labels summed by intent).</summary>
    public List<Dictionary<string, float>> Intents() =>
        [.. Probabilities.Select(p =>
        {
            var intents = new Dictionary<string, float>(StringComparer.Ordinal);
            for (var i = 0; i < Labels.Count; i++)
            {
                var intent = RouteLabels.IntentOf(Labels[i]);
                intents[intent] = intents.GetValueOrDefault(intent) + p[i];
            }

            return intents;
        })];
}
