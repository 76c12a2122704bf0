using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Faq;
using CitizenBot.Knowledge.Topics;

namespace CitizenBot.Knowledge.Tests.Faq;

public sealed class FaqCatalogTests
{
    private static readonly LegalCorpus Corpus = LegalCorpus.LoadEmbedded();

    [Fact]
    public void LoadEmbedded_ShippedFaq_HasAtLeast300EntriesWithAnswersAndNextSteps()
    {
        var faq = FaqCatalog.LoadEmbedded(Corpus);

        Assert.True(faq.Entries.Count >= 300, $"only {faq.Entries.Count} FAQ entries");
        Assert.All(faq.Entries, e =>
        {
            Assert.NotEmpty(e.Questions);
            Assert.NotEmpty(e.NextSteps);
            Assert.NotEmpty(e.Citations);
        });
    }

    [Fact]
    public void LoadEmbedded_ShippedFaq_CoversEveryLegalTopicWithAtLeastFiveEntries()
    {
        var faq = FaqCatalog.LoadEmbedded(Corpus);

        Assert.All(LegalTopics.All, t => Assert.True(faq.Entries.Count(e => e.Topic == t) >= 5, $"topic {t} has fewer than 5 FAQ entries"));
    }

    [Fact]
    public void LoadEmbedded_ShippedFaq_EveryCitationExistsInCorpus()
    {
        var faq = FaqCatalog.LoadEmbedded(Corpus);

        Assert.All(faq.Entries.SelectMany(e => e.Citations), c => Assert.NotNull(Corpus.Find(c.LawId, c.Article)));
    }

    [Fact]
    public void Load_CitationOfMissingArticle_ThrowsNamingTheEntry()
    {
        const string json = """
            {"entries":[{"id":"made-up","topic":"wages","questions":["工资"],"answer":"答","nextSteps":["12348"],
              "citations":[{"lawId":"labor-contract-law","article":99}]}]}
            """;

        var error = Assert.Throws<InvalidDataException>(() => FaqCatalog.Load(json, Corpus));

        Assert.Contains("made-up", error.Message);
        Assert.Contains("labor-contract-law article 99", error.Message);
    }

    [Fact]
    public void Load_CitationOfUnknownLaw_Throws()
    {
        const string json = """
            {"entries":[{"id":"bad-law","topic":"wages","questions":["工资"],"answer":"答","nextSteps":["12348"],
              "citations":[{"lawId":"labour-law","article":1}]}]}
            """;

        Assert.Throws<InvalidDataException>(() => FaqCatalog.Load(json, Corpus));
    }

    [Fact]
    public void Load_EntryWithoutCitations_Throws()
    {
        const string json = """
            {"entries":[{"id":"uncited","topic":"wages","questions":["工资"],"answer":"答","nextSteps":["12348"],"citations":[]}]}
            """;

        Assert.Throws<InvalidDataException>(() => FaqCatalog.Load(json, Corpus));
    }

    [Fact]
    public void Load_EmptyPhrasing_ThrowsNamingTheEntry()
    {
        const string json = """
            {"entries":[{"id":"blank-phrasing","topic":"wages","questions":["工资"],"phrasings":["老板欠钱咋办"," "],"answer":"答",
              "nextSteps":["12348"],"citations":[{"lawId":"labor-law","article":50}]}]}
            """;

        var error = Assert.Throws<InvalidDataException>(() => FaqCatalog.Load(json, Corpus));

        Assert.Contains("blank-phrasing", error.Message);
    }

    [Fact]
    public void Load_DuplicateIds_Throws()
    {
        const string entry = """{"id":"twice","topic":"wages","questions":["工资"],"answer":"答","nextSteps":["12348"],"citations":[{"lawId":"labor-law","article":50}]}""";

        Assert.Throws<InvalidDataException>(() => FaqCatalog.Load($$"""{"entries":[{{entry}},{{entry}}]}""", Corpus));
    }
}
