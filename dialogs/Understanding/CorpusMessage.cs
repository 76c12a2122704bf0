using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CitizenBot.Dialogs.Understanding;

/// <summary>One labelled message of the understanding corpus (see <c>Understanding/corpus/LABELS.md</c>).</summary>
public sealed record CorpusMessage
{
    public required string Text { get; init; }

    public required string Intent { get; init; }

    public string? Category { get; init; }

    public string? Topic { get; init; }

    public string Safety { get; init; } = SafetyLabels.None;

    public bool NearMiss { get; init; }

    /// <summary>The intent the bot acts on: the corpus label, with greeting, thanks and small talk as one (chat).</summary>
    [JsonIgnore]
    public string RouteIntent => Intents.GroupOf(Intent);

    /// <summary>The label the route model learns: the intent, with the category or the topic where the intent has one.</summary>
    [JsonIgnore]
    public string RouteLabel => RouteLabels.Of(Intent, Category, Topic);

    /// <summary>
    /// The fixed test split: a fifth of the messages, chosen by a hash of the text, never seen by training, so the split
    /// stays the same when messages are added and nobody can move a message by editing anything but its words.
    /// </summary>
    [JsonIgnore]
    public bool IsTest => IsTestText(Text);

    public static bool IsTestText(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim()), hash);
        return hash[0] % 5 == 0;
    }
}

/// <summary>Reads the corpus files (JSON lines) and says what a set of them hashes to.</summary>
public static class UnderstandingCorpus
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every <c>*.jsonl</c> file of <paramref name="folder"/>, in file-name order.</summary>
    public static IReadOnlyList<string> FilesIn(string folder) =>
        [.. Directory.GetFiles(folder, "*.jsonl").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)];

    public static IReadOnlyList<CorpusMessage> Load(IEnumerable<string> files)
    {
        var messages = new List<CorpusMessage>();
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var message = JsonSerializer.Deserialize<CorpusMessage>(line, Json)
                    ?? throw new InvalidDataException($"{Path.GetFileName(file)}:{lineNumber} is empty.");
                messages.Add(message);
            }
        }

        return messages;
    }

    /// <summary>SHA-256 over the files' names and bytes, in order: the model file records it, so a stale model is caught.</summary>
    public static string Hash(IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            // Line endings do not change the corpus: a checkout with CRLF hashes as one with LF.
            hash.AppendData(Encoding.UTF8.GetBytes(File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
