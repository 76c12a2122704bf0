using CitizenBot.Knowledge.Search;
using CitizenBot.Knowledge.Search.Expansion;

namespace CitizenBot.Knowledge.Tests.Search;

public sealed class LegalSearchEngineTests
{
    private static LegalSearchEngine CreateSut() => SharedKnowledge.Engine;

    [Fact]
    public async Task SearchAsync_WageArrearsQuestion_FindsWagePaymentRegulations()
    {
        var hits = await CreateSut().SearchAsync("老板跑路了工资不给怎么办", 5);

        Assert.Contains(hits, h => h.LawId == "migrant-worker-wage-payment-regulations" && h.ArticleNumber == 63);
        Assert.Contains(hits, h => h.LawId == "migrant-worker-wage-payment-regulations" && h.ArticleNumber == 10);
    }

    [Fact]
    public async Task SearchAsync_Hits_CarryTitleLabelNumberTextAndFallingScores()
    {
        var hits = await CreateSut().SearchAsync("交通事故赔偿", 5);

        Assert.Equal(5, hits.Count);
        var first = hits[0];
        Assert.False(string.IsNullOrEmpty(first.LawTitle));
        Assert.StartsWith("第", first.Article);
        Assert.True(first.ArticleNumber > 0);
        Assert.False(string.IsNullOrEmpty(first.Text));
        Assert.Equal(hits.OrderByDescending(h => h.Score), hits);
    }

    [Fact]
    public async Task SearchAsync_ColloquialDismissal_ExpandsToTerminationOfLabourContract()
    {
        var hits = await CreateSut().SearchAsync("被炒鱿鱼了能要钱吗", 5);

        Assert.Contains(hits, h => h.LawId == "labor-contract-law");
    }

    [Fact]
    public async Task SearchAsync_LawTitleInQuestion_PrefersThatLaw()
    {
        var hits = await CreateSut().SearchAsync("消防法对物业有什么要求", 3);

        Assert.Equal("fire-protection-law", hits[0].LawId);
    }

    [Fact]
    public async Task SearchAsync_TraditionalInputThroughNormaliser_SameHitsAsSimplified()
    {
        var map = new Dictionary<char, char> { ['闆'] = '板', ['資'] = '资', ['給'] = '给', ['麼'] = '么', ['辦'] = '办', ['們'] = '们' };
        var calls = 0;
        string ToSimplified(string s)
        {
            calls++;
            return new string(s.Select(c => map.GetValueOrDefault(c, c)).ToArray());
        }

        using var traditionalAware = new LegalSearchEngine(
            SharedKnowledge.Engine.Corpus,
            Knowledge.Faq.FaqCatalog.LoadEmbedded(SharedKnowledge.Engine.Corpus),
            ColloquialVocabulary.LoadEmbedded(),
            ToSimplified);

        var traditional = await traditionalAware.SearchAsync("老闆跑路了工資不給怎麼辦", 5);
        var simplified = await CreateSut().SearchAsync("老板跑路了工资不给怎么办", 5);

        Assert.True(calls > 0);
        Assert.Equal(
            simplified.Select(h => (h.LawId, h.ArticleNumber)),
            traditional.Select(h => (h.LawId, h.ArticleNumber)));
    }

    public static TheoryData<string> BadInputs => new()
    {
        string.Empty,
        "   \t\n",
        "😀😡🙏🔥",
        "'; DROP TABLE users; --",
        "1' OR '1'='1",
        "AND OR * ? \"",
        "工资 AND (OR \"* ?~^[]{}\\",
        "\0\u200B\uFEFF",
        "<script>alert(1)</script>",
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task SearchAsync_BadInput_ReturnsWithoutThrowingAndAtMostK(string input)
    {
        var hits = await CreateSut().SearchAsync(input, 5);

        Assert.True(hits.Count <= 5);
    }

    [Theory]
    [InlineData("")]
    [InlineData("😀😡🙏🔥")]
    [InlineData("'; DROP TABLE users; --")]
    [InlineData("AND OR * ? \"")]
    [InlineData("1' OR '1'='1")]
    [InlineData("asdf qwer zxcv 12345")]
    public async Task SearchAsync_InputWithoutLegalWords_ReturnsEmpty(string input)
    {
        Assert.Empty(await CreateSut().SearchAsync(input, 5));
    }

    [Fact]
    public async Task SearchAsync_FiveThousandCharacters_ReturnsAtMostK()
    {
        var longText = string.Concat(Enumerable.Repeat("工资拖欠怎么办", 715));

        var hits = await CreateSut().SearchAsync(longText, 5);

        Assert.InRange(hits.Count, 1, 5);
    }

    [Fact]
    public async Task SearchAsync_NonPositiveK_ReturnsEmpty()
    {
        Assert.Empty(await CreateSut().SearchAsync("工资", 0));
    }

    [Fact]
    public async Task SearchAsync_Cancelled_Throws()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CreateSut().SearchAsync("工资", 5, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task SearchAsync_MarriedCoupleAskAboutWages_PrefersMaritalPropertyOverWageRules()
    {
        // 工资 alone matches dozens of short wage articles; the article that also holds 婚姻/夫妻/共同 must win.
        using var withoutFaq = CreateWithoutFaq();

        var hits = await withoutFaq.SearchAsync("结婚以后老公挣的工资算两个人共同的吗", 3);

        Assert.Equal(("civil-code", 1062), (hits[0].LawId, hits[0].ArticleNumber));
    }

    [Fact]
    public async Task SearchAsync_EveryHit_SharesAWordWithTheQuestion()
    {
        var hits = await CreateSut().SearchAsync("工资", 10);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.True(h.Text.Contains("工资", StringComparison.Ordinal) || h.Text.Contains("劳动报酬", StringComparison.Ordinal), h.Text));
    }

    private static LegalSearchEngine CreateWithoutFaq() =>
        new(SharedKnowledge.Engine.Corpus,
            Knowledge.Faq.FaqCatalog.LoadEmbedded(SharedKnowledge.Engine.Corpus),
            ColloquialVocabulary.LoadEmbedded(),
            faqBoost: 0);
}
