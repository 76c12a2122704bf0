using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Knowledge.Corpus;

namespace CitizenBot.Knowledge.Search.Expansion;

/// <summary>
/// Everyday words → statute terms (老板→用人单位, 跑路→逃匿, 被车撞→交通事故), common typos and question filler words,
/// kept as data in <c>colloquial-terms.json</c> so the vocabulary grows without code changes.
/// </summary>
internal sealed class ColloquialVocabulary
{
    private const string ResourceName = "colloquial-terms.json";
    private readonly KeyValuePair<string, IReadOnlyList<string>>[] _synonyms;
    private readonly KeyValuePair<string, string>[] _typos;

    private ColloquialVocabulary(VocabularyFile file)
    {
        // Longest keys first, so 加班费 is seen before 加班 and 调节员 is fixed before 调节.
        _synonyms = [.. file.Synonyms.OrderByDescending(s => s.Key.Length)];
        _typos = [.. file.Typos.OrderByDescending(t => t.Key.Length)];
        Stopwords = file.Stopwords.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Question filler (怎么办, 吗, 我 …) that says nothing about the law.</summary>
    public IReadOnlySet<string> Stopwords { get; }

    public static ColloquialVocabulary LoadEmbedded() =>
        Parse(LegalCorpus.ReadResource(typeof(ColloquialVocabulary).Assembly, ResourceName));

    public static ColloquialVocabulary Parse(string json) =>
        new(JsonSerializer.Deserialize(json, VocabularyJsonContext.Default.VocabularyFile)
            ?? throw new InvalidDataException("Colloquial vocabulary JSON is empty; expected synonyms, typos and stopwords."));

    /// <summary>Replaces known misspellings (赔尝→赔偿); cheap typo tolerance that segmentation alone cannot give.</summary>
    public string FixTypos(string text)
    {
        foreach (var (wrong, right) in _typos)
        {
            text = text.Replace(wrong, right, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The statute terms for every colloquial key found in the text (substring match, so 跑路 is found even where the analyzer splits it).</summary>
    public IEnumerable<string> Expand(string text) =>
        _synonyms.Where(s => text.Contains(s.Key, StringComparison.Ordinal))
            .SelectMany(s => s.Value)
            .Distinct(StringComparer.Ordinal);
}

internal sealed record VocabularyFile(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms,
    IReadOnlyDictionary<string, string> Typos,
    IReadOnlyList<string> Stopwords);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(VocabularyFile))]
internal sealed partial class VocabularyJsonContext : JsonSerializerContext;
