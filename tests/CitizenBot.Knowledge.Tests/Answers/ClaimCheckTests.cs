using CitizenBot.Knowledge.Answers;

namespace CitizenBot.Knowledge.Tests.Answers;

public sealed class ClaimCheckTests
{
    private const string NoiseArticle = "继续干扰他人正常生活、工作和学习的，处五日以下拘留或者一千元以下罚款；情节严重的，处五日以上十日以下拘留，可以并处一千元以下罚款。";

    [Fact]
    public void Unsupported_WarningTheArticleDoesNotGive_IsReported()
    {
        var problems = ClaimCheck.Unsupported("公安机关可以给予警告或罚款。", [NoiseArticle]);

        Assert.Equal(["penalty 警告"], problems);
    }

    [Fact]
    public void Unsupported_DetentionAndFineAsTheArticleSays_IsEmpty()
    {
        Assert.Empty(ClaimCheck.Unsupported("可以处五日以下拘留或者一千元以下罚款。", [NoiseArticle]));
    }

    [Theory]
    [InlineData("可以处十五日以下拘留。", "quantity 15日")]
    [InlineData("罚款两千元。", "quantity 2000元")]
    [InlineData("应当在3天内处理。", "quantity 3日")]
    public void Unsupported_AmountOrTimeLimitNotInTheArticle_IsReported(string claim, string expected)
    {
        Assert.Contains(expected, ClaimCheck.Unsupported(claim, [NoiseArticle]));
    }

    [Theory]
    [InlineData("不低于工资的150%。", "支付不低于工资的百分之一百五十的工资报酬")]
    [InlineData("七天内退货。", "自收到商品之日起七日内退货")]
    [InlineData("罚款两万元。", "处二万元罚款")]
    [InlineData("30日内申请。", "自事故伤害发生之日起30日内")]
    public void Unsupported_SameQuantityWrittenDifferently_IsEmpty(string claim, string article)
    {
        Assert.Empty(ClaimCheck.Unsupported(claim, [article]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("拨打12348热线")]
    [InlineData("😀😀")]
    public void Unsupported_ClaimWithoutPenaltyOrQuantity_IsEmpty(string claim)
    {
        Assert.Empty(ClaimCheck.Unsupported(claim, []));
    }
}
