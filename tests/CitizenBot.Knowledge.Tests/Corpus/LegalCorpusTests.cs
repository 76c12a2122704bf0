using CitizenBot.Knowledge.Corpus;

namespace CitizenBot.Knowledge.Tests.Corpus;

public sealed class LegalCorpusTests
{
    private static readonly LegalCorpus Corpus = LegalCorpus.LoadEmbedded();

    [Fact]
    public void LoadEmbedded_AllStatutes_Has26LawsAnd3534Articles()
    {
        Assert.Equal(26, Corpus.Laws.Count);
        Assert.Equal(3534, Corpus.Articles.Count);
    }

    [Theory]
    [InlineData("civil-code", 1260)]
    [InlineData("civil-procedure-law", 306)]
    [InlineData("public-security-administration-punishments-law", 144)]
    [InlineData("labor-contract-law", 98)]
    [InlineData("people-mediation-law", 35)]
    [InlineData("rural-land-contract-law", 70)]
    [InlineData("land-administration-law", 87)]
    [InlineData("food-safety-law", 154)]
    [InlineData("minors-protection-law", 132)]
    [InlineData("noise-pollution-prevention-law", 90)]
    [InlineData("elderly-rights-protection-law", 85)]
    [InlineData("social-insurance-law", 98)]
    public void LoadEmbedded_EachLaw_ArticlesRunOneToN(string lawId, int count)
    {
        var law = Corpus.Laws.Single(l => l.Id == lawId);

        Assert.Equal(Enumerable.Range(1, count), law.Articles.Select(a => a.Number));
    }

    [Fact]
    public void Find_LaborContractArticle30_HasTitleChapterAndText()
    {
        var article = Corpus.Find("labor-contract-law", 30);

        Assert.NotNull(article);
        Assert.Equal("中华人民共和国劳动合同法", article.LawTitle);
        Assert.Equal("第三十条", article.Label);
        Assert.Equal("第三章 劳动合同的履行和变更", article.Chapter);
        Assert.StartsWith("用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。", article.Text);
    }

    [Fact]
    public void Find_CivilCodeArticle1213_CarriesPartChapterAndNumber()
    {
        var article = Corpus.Find("civil-code", 1213);

        Assert.NotNull(article);
        Assert.Equal("第一千二百一十三条", article.Label);
        Assert.Equal("第七编 侵权责任", article.Part);
        Assert.Equal("第五章 机动车交通事故责任", article.Chapter);
        Assert.Contains("机动车发生交通事故造成损害", article.Text);
    }

    [Fact]
    public void Find_CivilCodeGuardianship_HasSectionWithoutPaddingSpaces()
    {
        var article = Corpus.Find("civil-code", 27);

        Assert.NotNull(article);
        Assert.Equal("第二节 监护", article.Section);
        Assert.Equal("第一编 总则", article.Part);
    }

    [Fact]
    public void Find_HomesteadArticle_HasLandAdministrationLawChapterAndText()
    {
        var article = Corpus.Find("land-administration-law", 62);

        Assert.NotNull(article);
        Assert.Equal("中华人民共和国土地管理法", article.LawTitle);
        Assert.Equal("第五章 建设用地", article.Chapter);
        Assert.StartsWith("农村村民一户只能拥有一处宅基地", article.Text);
    }

    [Fact]
    public void Find_RuralLandContractArticle_CarriesChapterAndSection()
    {
        var article = Corpus.Find("rural-land-contract-law", 31);

        Assert.NotNull(article);
        Assert.Equal("第二章 家庭承包", article.Chapter);
        Assert.Equal("第四节 土地承包经营权的保护和互换、转让", article.Section);
        Assert.Contains("妇女结婚", article.Text);
    }

    [Fact]
    public void Find_FirstArticleOfMinorsProtectionLaw_StartsItsFirstChapter()
    {
        var article = Corpus.Find("minors-protection-law", 1);

        Assert.NotNull(article);
        Assert.Equal("第一章 总则", article.Chapter);
        Assert.DoesNotContain('\u200b', article.Text);
    }

    [Fact]
    public void Find_MultiParagraphArticle_KeepsParagraphsAndStopsBeforeNextArticle()
    {
        var article = Corpus.Find("labor-contract-law", 2);

        Assert.NotNull(article);
        Assert.Equal(2, article.Text.Split('\n').Length);
        Assert.DoesNotContain("第三条", article.Text);
    }

    [Fact]
    public void Find_ArticleBeyondLaw_ReturnsNull()
    {
        Assert.Null(Corpus.Find("labor-contract-law", 99));
        Assert.Null(Corpus.Find("no-such-law", 1));
    }

    [Theory]
    [InlineData("第十条", 10)]
    [InlineData("第一百零五条", 105)]
    [InlineData("第二百条", 200)]
    [InlineData("第一千二百一十三条", 1213)]
    [InlineData("第十五条", 15)]
    public void TryParseArticleLabel_ChineseNumerals_ReturnsNumber(string label, int expected)
    {
        Assert.True(ChineseNumber.TryParseArticleLabel(label, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("第条")]
    [InlineData("第3条")]
    [InlineData("三十条")]
    public void TryParseArticleLabel_NotALabel_ReturnsFalse(string label)
    {
        Assert.False(ChineseNumber.TryParseArticleLabel(label, out _));
    }
}
