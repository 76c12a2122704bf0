using CitizenBot.Knowledge.Search.Expansion;

namespace CitizenBot.Knowledge.Tests.Search;

public sealed class ColloquialVocabularyTests
{
    private static ColloquialVocabulary CreateSut() => ColloquialVocabulary.LoadEmbedded();

    [Theory]
    [InlineData("老板", "用人单位")]
    [InlineData("工资", "劳动报酬")]
    [InlineData("被车撞了", "交通事故")]
    [InlineData("被炒鱿鱼", "解除劳动合同")]
    [InlineData("老板跑路", "逃匿")]
    [InlineData("在网上造谣", "诽谤")]
    [InlineData("旷工三天", "规章制度")]
    [InlineData("下班路上被撞了", "上下班途中")]
    public void Expand_ColloquialWord_YieldsStatuteTerm(string text, string legalTerm)
    {
        Assert.Contains(legalTerm, CreateSut().Expand(text));
    }

    [Theory]
    [InlineData("交通事故赔尝", "交通事故赔偿")]
    [InlineData("公司拖久工资", "公司拖欠工资")]
    [InlineData("找人调节一下", "找人调解一下")]
    public void FixTypos_KnownMisspelling_IsCorrected(string text, string expected)
    {
        Assert.Equal(expected, CreateSut().FixTypos(text));
    }

    [Fact]
    public void Stopwords_QuestionFiller_AreKnown()
    {
        Assert.Contains("怎么办", CreateSut().Stopwords);
    }
}
