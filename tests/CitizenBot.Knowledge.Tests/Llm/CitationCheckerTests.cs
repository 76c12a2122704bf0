using CitizenBot.Knowledge.Llm;
using CitizenBot.Knowledge.Search;

namespace CitizenBot.Knowledge.Tests.Llm;

public sealed class CitationCheckerTests
{
    private static readonly LegalSearchHit Wages = new("labor-contract-law", "中华人民共和国劳动合同法", "第三十条", 30, "用人单位应当……", 1f);
    private static readonly LegalSearchHit Code = new("civil-code", "中华人民共和国民法典", "第一千零八十五条", 1085, "离婚后……", 0.5f);

    [Theory]
    [InlineData("依据《中华人民共和国劳动合同法》第三十条，应当支付。")]
    [InlineData("依据《劳动合同法》第三十条，应当支付。")]
    [InlineData("依据劳动合同法第三十条，应当支付。")]
    [InlineData("依据《劳动合同法》第30条，应当支付。")]
    public void Check_RetrievedArticleInAnyUsualForm_KeptAndCited(string text)
    {
        var (checkedText, cited, removed) = CitationChecker.Check(text, [Wages, Code]);

        Assert.Equal(text, checkedText);
        Assert.Equal([Wages], cited);
        Assert.Equal(0, removed);
    }

    [Theory]
    [InlineData("依据《劳动合同法》第三十一条，应当支付。")]
    [InlineData("依据《劳动法》第三十条，应当支付。")]
    [InlineData("依据刑法第二百七十六条，应当支付。")]
    public void Check_ArticleNotRetrieved_Removed(string text)
    {
        var (checkedText, cited, removed) = CitationChecker.Check(text, [Wages, Code]);

        Assert.Empty(cited);
        Assert.Equal(1, removed);
        Assert.DoesNotContain("第三十一条", checkedText);
        Assert.DoesNotContain("《劳动法》", checkedText);
        Assert.DoesNotContain("刑法", checkedText);
        Assert.EndsWith("，应当支付。", checkedText);
    }

    [Fact]
    public void Check_TwoCitations_CitedInOrderOfMention()
    {
        var (_, cited, _) = CitationChecker.Check("见《民法典》第一千零八十五条和《劳动合同法》第三十条。", [Wages, Code]);

        Assert.Equal([Code, Wages], cited);
    }
}
