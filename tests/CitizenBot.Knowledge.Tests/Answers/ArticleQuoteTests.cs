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

    [Fact]
    public void Of_RuleAskedAboutInALaterParagraph_QuotesThatParagraphsSentence()
    {
        const string text = "单位应当在三十日内申请。\n单位未申请的，职工本人可以在一年内申请。\n其他事项另行规定。";

        var quote = ArticleQuote.Of(text, [("职工", 2f), ("申请", 0.5f)]);

        Assert.Equal("单位未申请的，职工本人可以在一年内申请。", quote);
    }

    [Fact]
    public void Of_SecondSentenceOfTheFirstParagraphHoldsTheWords_QuotesThatSentence()
    {
        const string text = "饲养动物应当遵守规定。违反规定造成损害的，应当承担责任。";

        Assert.Equal("违反规定造成损害的，应当承担责任。", ArticleQuote.Of(text, [("损害", 1f)]));
    }

    [Fact]
    public void Of_NoSentenceHoldsMoreThanTheFirst_QuotesTheFirst()
    {
        const string text = "第一款说罚款。\n第二款也说罚款。";

        Assert.Equal("第一款说罚款。", ArticleQuote.Of(text, [("罚款", 1f), ("拘留", 1f)]));
    }

    [Fact]
    public void Of_ListedConditionsHoldTheWords_QuotesTheSentenceBeforeThemWithEveryItem()
    {
        const string text = "本法所称用人单位负有义务。\n有下列情形之一的，劳动者可以解除合同：\n（一）未及时足额支付劳动报酬的；\n（二）未缴纳社会保险费的。";

        var quote = ArticleQuote.Of(text, [("社会保险", 1f)]);

        Assert.Equal("有下列情形之一的，劳动者可以解除合同：（一）未及时足额支付劳动报酬的；（二）未缴纳社会保险费的。", quote);
    }

    [Fact]
    public void Of_LongSentenceWithTheTimeLimitInTheMiddle_KeepsTheTimeLimitAndTheAskedWordsWhenShortening()
    {
        var filler = Enumerable.Range(1, 6).Select(i => $"第{i}个无关的分句内容较长，").ToList();
        var text = string.Concat(filler.Take(3)) + "职工本人可以在一年内，" + string.Concat(filler.Skip(3)) + "向有关部门提出申请。";

        var quote = ArticleQuote.Of(text, [("职工", 1f)]);

        Assert.Contains("职工本人可以在一年内，", quote, StringComparison.Ordinal);
        Assert.EndsWith("向有关部门提出申请。", quote, StringComparison.Ordinal);
        Assert.Contains("……", quote, StringComparison.Ordinal);
        Assert.All(quote.Split("……"), part => Assert.Contains(part, text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Of_EmptyText_IsEmpty(string text)
    {
        Assert.Equal(string.Empty, ArticleQuote.Of(text));
    }
}
