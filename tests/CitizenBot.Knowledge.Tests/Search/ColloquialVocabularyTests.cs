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
    [InlineData("酒后开车", "饮酒")]
    [InlineData("喝了两瓶啤酒开车", "饮酒")]
    [InlineData("朋友醉驾被抓了", "醉酒")]
    [InlineData("驾照会被扣吗", "机动车驾驶证")]
    [InlineData("我爸走了没留遗嘱", "法定继承")]
    [InlineData("两口子出去打工", "外出务工")]
    [InlineData("把地租给大户种", "土地经营权")]
    public void Expand_ColloquialWord_YieldsStatuteTerm(string text, string legalTerm)
    {
        Assert.Contains(legalTerm, CreateSut().Expand(text));
    }

    // Drinking alone is not drink-driving: 饮酒 would weigh on a family-violence question (老公喝了酒就打我) and
    // lower the share of its words the protection-order entry holds.
    [Theory]
    [InlineData("老公喝了酒就打我")]
    [InlineData("酒吧让未成年人进去")]
    public void Expand_DrinkingWithoutDriving_DoesNotYieldTheDrinkDrivingTerm(string text)
    {
        Assert.DoesNotContain("饮酒", CreateSut().Expand(text));
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
