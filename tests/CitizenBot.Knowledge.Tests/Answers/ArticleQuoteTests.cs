using CitizenBot.Knowledge.Answers;

namespace CitizenBot.Knowledge.Tests.Answers;

public sealed class ArticleQuoteTests
{
    [Theory]
    [InlineData("第一句。第二句。", "第一句。")]
    [InlineData("只有一句没有句号", "只有一句没有句号")]
    [InlineData("第一款。\n第二款。", "第一款。")]
    public void Of_ArticleText_IsItsFirstSentenceVerbatim(string text, string expected)
    {
        Assert.Equal(expected, ArticleQuote.Of(text));
    }

    [Fact]
    public void Of_SentenceEndingInColon_KeepsEveryItemListedAfterIt()
    {
        const string text = "下列事项的当事人，可以申请法律援助：\n（一）请求支付劳动报酬；\n（二）请求工伤赔偿。\n前款规定以外的，不予援助。";

        Assert.Equal("下列事项的当事人，可以申请法律援助：（一）请求支付劳动报酬；（二）请求工伤赔偿。", ArticleQuote.Of(text));
    }

    [Fact]
    public void Of_LegalAidScopeArticle_QuotesAllNineMattersAndEndsAtASentenceEnd()
    {
        var article = SharedKnowledge.Engine.Corpus.Find("legal-aid-law", 31)!;

        var quote = ArticleQuote.Of(article.Text);

        Assert.Contains("（五）请求确认劳动关系或者支付劳动报酬；", quote, StringComparison.Ordinal);
        Assert.Contains("（九）法律、法规、规章规定的其他情形。", quote, StringComparison.Ordinal);
        Assert.DoesNotContain("……", quote, StringComparison.Ordinal);
        Assert.EndsWith("。", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_LongSentence_IsShortenedOnlyInsideAndStillEndsAtTheSentenceEnd()
    {
        var clauses = Enumerable.Range(1, 12).Select(i => $"第{i}个分句内容较长，").ToList();
        var text = string.Concat(clauses) + "最后处五日以下拘留。下一句。";

        var quote = ArticleQuote.Of(text);

        Assert.StartsWith(clauses[0], quote, StringComparison.Ordinal);
        Assert.EndsWith("最后处五日以下拘留。", quote, StringComparison.Ordinal);
        Assert.Contains("……", quote, StringComparison.Ordinal);
        Assert.True(quote.Length <= ArticleQuote.MaxSentenceChars, quote);
        Assert.All(quote.Split("……"), part => Assert.Contains(part, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Of_LongIntroBeforeItems_ShortensTheIntroButNeverTheItems()
    {
        var intro = string.Concat(Enumerable.Range(1, 10).Select(i => $"第{i}段引言文字较长，")) + "有下列情形之一的：";
        var text = intro + "\n（一）" + new string('甲', 60) + "；\n（二）乙。";

        var quote = ArticleQuote.Of(text);

        Assert.EndsWith("有下列情形之一的：（一）" + new string('甲', 60) + "；（二）乙。", quote, StringComparison.Ordinal);
        Assert.Contains("……", quote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Of_EmptyText_IsEmpty(string text)
    {
        Assert.Equal(string.Empty, ArticleQuote.Of(text));
    }
}
