using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Corpus;

namespace CitizenBot.Knowledge.Tests.Answers;

public sealed class LegalAnswererTests
{
    private static LegalAnswerer CreateSut() => new(SharedKnowledge.Engine);

    private static LegalCorpus Corpus => SharedKnowledge.Engine.Corpus;

    [Theory]
    [InlineData("老板跑路了工资不给怎么办")]
    [InlineData("被车撞了对方不赔钱")]
    [InlineData("邻居装修太吵了")]
    [InlineData("离婚后孩子抚养费谁出")]
    public async Task AnswerAsync_CommonQuestion_QuotesOnlyRetrievedArticlesVerbatim(string question)
    {
        var answer = await CreateSut().AnswerAsync(question);
        var retrieved = await SharedKnowledge.Engine.SearchAsync(question, 5);

        Assert.True(answer.Found);
        Assert.NotEmpty(answer.Citations);
        Assert.All(answer.Citations, c =>
        {
            Assert.Contains(retrieved, h => h.LawId == c.LawId && h.Article == c.Article);
            var article = Corpus.Articles.Single(a => a.LawId == c.LawId && a.Label == c.Article);
            Assert.Equal(article.LawTitle, c.LawTitle);
            Assert.Contains(c.Quote.Replace("……", string.Empty, StringComparison.Ordinal), article.Text);
        });
        Assert.NotEmpty(answer.NextSteps);
        Assert.Contains("不构成律师", answer.Disclaimer);
    }

    [Fact]
    public async Task AnswerAsync_WageArrears_UsesFaqAnswerAndPointsToLabourInspection()
    {
        var answer = await CreateSut().AnswerAsync("公司拖欠工资三个月了怎么办");

        Assert.Contains("劳动报酬", answer.Answer);
        Assert.Contains(answer.NextSteps, s => s.Contains("12333", StringComparison.Ordinal));
        Assert.Contains(answer.Citations, c => c.LawId is "labor-contract-law" or "labor-law" or "migrant-worker-wage-payment-regulations");
    }

    [Theory]
    [InlineData("")]
    [InlineData("😀😀😀")]
    public async Task AnswerAsync_NothingFound_SaysSoAndOffers12348WithoutCitations(string question)
    {
        var answer = await CreateSut().AnswerAsync(question);

        Assert.False(answer.Found);
        Assert.Empty(answer.Citations);
        Assert.Contains(answer.NextSteps, s => s.Contains("12348", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(answer.Disclaimer));
    }

    [Theory]
    [InlineData("第一句。第二句。", "第一句。")]
    [InlineData("有下列情形之一的：\n（一）甲；", "有下列情形之一的：")]
    public void Quote_ArticleText_IsFirstSentenceVerbatim(string text, string expected)
    {
        Assert.Equal(expected, LegalAnswerer.Quote(text));
    }

    [Fact]
    public void Quote_LongSentence_IsCutWithEllipsis()
    {
        var quote = LegalAnswerer.Quote(new string('字', 200) + "。");

        Assert.Equal(new string('字', 80) + "……", quote);
    }

    [Fact]
    public async Task AnswerAsync_FollowUpWithPreviousQuestion_StaysOnTheTopic()
    {
        const string followUp = "有没有时间限制";

        var alone = await CreateSut().AnswerAsync(followUp);
        var withContext = await CreateSut().AnswerAsync(followUp, previousQuestion: "在工地上受伤了，单位不给申请工伤认定");

        Assert.DoesNotContain(alone.Citations, c => c.LawId == "work-injury-insurance-regulations");
        Assert.Equal("work-injury-insurance-regulations", withContext.Citations[0].LawId);
    }

    [Fact]
    public async Task AnswerAsync_ArbitrationTimeLimitAfterWageQuestion_CitesTheArbitrationTimeLimit()
    {
        var answer = await CreateSut().AnswerAsync("去仲裁有时间限制吗", previousQuestion: "老板跑路了工资不给怎么办");

        Assert.Contains(answer.Citations, c => c.LawId == "labor-dispute-mediation-arbitration-law" && c.Article == "第二十七条");
    }
}
