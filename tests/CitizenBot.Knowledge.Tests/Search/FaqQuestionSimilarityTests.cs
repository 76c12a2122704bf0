using CitizenBot.Knowledge.Faq;
using CitizenBot.Knowledge.Search;

namespace CitizenBot.Knowledge.Tests.Search;

public sealed class FaqQuestionSimilarityTests
{
    private const string Json = """
        {"entries": [
          {"id": "video-will", "topic": "inheritance", "questions": ["录像遗嘱需要什么条件"], "answer": "甲",
           "citations": [{"lawId": "civil-code", "article": 1137}], "nextSteps": ["12348"]},
          {"id": "proxy-will", "topic": "inheritance", "questions": ["代书遗嘱需要什么条件"], "answer": "乙",
           "citations": [{"lawId": "civil-code", "article": 1135}], "nextSteps": ["12348"]},
          {"id": "lawsuit", "topic": "debt", "questions": ["起诉需要什么条件"], "answer": "丙",
           "citations": [{"lawId": "civil-procedure-law", "article": 122}], "nextSteps": ["12348"]},
          {"id": "mediation", "topic": "procedure", "questions": ["调解需要什么条件"], "answer": "丁",
           "citations": [{"lawId": "people-mediation-law", "article": 17}], "nextSteps": ["12348"]}
        ]}
        """;

    private static readonly Lucene.Net.Analysis.Analyzer Analyzer = LegalAnalyzers.Create();

    private static FaqQuestionSimilarity CreateSut() =>
        new(FaqCatalog.Load(Json, SharedKnowledge.Engine.Corpus), Analyzer);

    [Fact]
    public void Of_TheEntrysOwnQuestion_IsOne()
    {
        var similarity = CreateSut().Of(0, FaqQuestionSimilarity.Bigrams(Analyzer, "录像遗嘱需要什么条件"));

        Assert.Equal(1f, similarity, 3);
    }

    [Fact]
    public void Of_QuestionSharingTheRareWord_IsCloserThanOneSharingOnlyTheCommonEnding()
    {
        var sut = CreateSut();
        var asked = FaqQuestionSimilarity.Bigrams(Analyzer, "录像立的遗嘱有效吗");

        Assert.True(sut.Of(0, asked) > sut.Of(2, asked));
        Assert.True(sut.Of(0, asked) > sut.Of(1, asked));
    }

    [Theory]
    [InlineData("")]
    [InlineData("😀😀")]
    [InlineData("abc 123")]
    public void Of_QuestionWithoutChineseBigrams_IsZero(string question)
    {
        Assert.Equal(0f, CreateSut().Of(0, FaqQuestionSimilarity.Bigrams(Analyzer, question)));
    }
}
