using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Faq;
using CitizenBot.Knowledge.Topics;

namespace CitizenBot.Knowledge.Tests.Faq;

/// <summary>Every FAQ summary says only what its cited articles say the authority may do.</summary>
public sealed class FaqSummaryTruthTests
{
    private static readonly LegalCorpus Corpus = LegalCorpus.LoadEmbedded();
    private static readonly FaqCatalog Faq = FaqCatalog.LoadEmbedded(Corpus);

    public static TheoryData<string> EntryIds() => [.. Faq.Entries.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(EntryIds))]
    public void Summary_PenaltiesAmountsAndTimeLimits_AreAllWrittenInTheCitedArticles(string id)
    {
        var entry = Faq.Entries.Single(e => e.Id == id);
        var articles = entry.Citations.Select(c => Corpus.Find(c.LawId, c.Article)!.Text);

        Assert.Empty(ClaimCheck.Unsupported(entry.Answer, articles));
    }

    [Theory]
    [MemberData(nameof(EntryIds))]
    public void Citations_LieWithinTheEntrysTopic(string id)
    {
        var entry = Faq.Entries.Single(e => e.Id == id);

        Assert.True(LegalTopics.IsKnown(entry.Topic), entry.Topic);
        Assert.All(entry.Citations, c => Assert.True(TopicScopes.Contains(entry.Topic, c.LawId, c.Article), $"{c.LawId} {c.Article}"));
    }

    [Fact]
    public void NoiseSummary_SaysDetentionOrFineLikeArticle88NotWarning()
    {
        var noise = Faq.Entries.Single(e => e.Id == "neighbour-noise");

        Assert.Contains(noise.Citations, c => c is { LawId: "public-security-administration-punishments-law", Article: 88 });
        Assert.Contains("拘留", noise.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("警告", noise.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EntryWithUnknownTopic_IsRejectedNamingTheEntry()
    {
        const string json = """
            {"entries":[{"id":"odd","topic":"salary","questions":["工资"],"answer":"答","nextSteps":["12348"],
              "citations":[{"lawId":"labor-contract-law","article":30}]}]}
            """;

        var error = Assert.Throws<InvalidDataException>(() => FaqCatalog.Load(json, Corpus));

        Assert.Contains("'odd' has topic 'salary'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CitationOutsideTheTopic_IsRejectedNamingTheArticle()
    {
        const string json = """
            {"entries":[{"id":"wrong-law","topic":"dismissal","questions":["被辞退"],"answer":"答","nextSteps":["12348"],
              "citations":[{"lawId":"civil-code","article":1085}]}]}
            """;

        var error = Assert.Throws<InvalidDataException>(() => FaqCatalog.Load(json, Corpus));

        Assert.Contains("civil-code article 1085, outside the statutes of topic 'dismissal'", error.Message, StringComparison.Ordinal);
    }
}
