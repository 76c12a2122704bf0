using System.Text.Json;
using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Topics;

namespace CitizenBot.Knowledge.Faq;

/// <summary>The curated FAQ, every citation checked against the statute corpus when loaded.</summary>
internal sealed class FaqCatalog
{
    private const string ResourceName = "faq.json";

    private FaqCatalog(IReadOnlyList<FaqEntry> entries) => Entries = entries;

    public IReadOnlyList<FaqEntry> Entries { get; }

    /// <summary>Loads the FAQ shipped inside this assembly (Faq/faq.json).</summary>
    public static FaqCatalog LoadEmbedded(LegalCorpus corpus) =>
        Load(LegalCorpus.ReadResource(typeof(FaqCatalog).Assembly, ResourceName), corpus);

    /// <summary>Parses FAQ JSON and rejects any entry that is incomplete or cites an article the corpus lacks.</summary>
    /// <exception cref="InvalidDataException">An entry is malformed or cites a missing article.</exception>
    public static FaqCatalog Load(string json, LegalCorpus corpus)
    {
        var file = JsonSerializer.Deserialize(json, FaqJsonContext.Default.FaqFile)
            ?? throw new InvalidDataException("FAQ JSON is empty; expected {\"entries\": [...]}.");
        var problems = file.Entries.SelectMany(e => Check(e, corpus)).ToList();
        var duplicate = file.Entries.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"FAQ id '{duplicate.Key}' is used {duplicate.Count()} times; ids must be unique.");
        }

        return problems.Count == 0
            ? new FaqCatalog(file.Entries)
            : throw new InvalidDataException("The FAQ does not match the statute corpus; fix faq.json:\n" + string.Join('\n', problems));
    }

    private static IEnumerable<string> Check(FaqEntry entry, LegalCorpus corpus)
    {
        if (string.IsNullOrWhiteSpace(entry.Id) || string.IsNullOrWhiteSpace(entry.Answer) || entry.Questions is not { Count: > 0 })
        {
            yield return $"FAQ entry '{entry.Id}' needs an id, at least one question and an answer.";
        }

        if (entry.Phrasings?.Any(string.IsNullOrWhiteSpace) == true)
        {
            yield return $"FAQ entry '{entry.Id}' has an empty phrasing.";
        }

        if (entry.Citations is not { Count: > 0 })
        {
            yield return $"FAQ entry '{entry.Id}' cites no article; every answer must rest on the statute text.";
            yield break;
        }

        foreach (var citation in entry.Citations.Where(c => corpus.Find(c.LawId, c.Article) is null))
        {
            yield return $"FAQ entry '{entry.Id}' cites {citation.LawId} article {citation.Article}, which is not in the corpus.";
        }

        if (!LegalTopics.IsKnown(entry.Topic))
        {
            yield return $"FAQ entry '{entry.Id}' has topic '{entry.Topic}'; use one of: {string.Join(", ", LegalTopics.All)}.";
            yield break;
        }

        if (entry.Case is not null && !LegalTopics.IsKnown(entry.Case))
        {
            yield return $"FAQ entry '{entry.Id}' has case '{entry.Case}'; use one of: {string.Join(", ", LegalTopics.All)}.";
        }

        foreach (var citation in entry.Citations.Where(c => !TopicScopes.Contains(entry.Topic, c.LawId, c.Article)))
        {
            yield return $"FAQ entry '{entry.Id}' cites {citation.LawId} article {citation.Article}, outside the statutes of topic '{entry.Topic}'.";
        }
    }
}
