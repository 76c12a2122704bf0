using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Tests.Prompts;

public sealed class ChoiceRecognizerTests
{
    private static readonly Choice[] Choices =
    [
        new("事件上报", ["举报", "随手拍"]),
        new("法律咨询", ["法律"]),
        new("预约调解"),
        new("进度查询", ["进度"]),
    ];

    [Theory]
    [InlineData("1", 0)]
    [InlineData("４", 3)]
    [InlineData("②", 1)]
    [InlineData("第三个", 2)]
    [InlineData("第3项", 2)]
    [InlineData("选第二个吧", 1)]
    [InlineData("三", 2)]
    [InlineData("我选2", 1)]
    [InlineData("2号", 1)]
    [InlineData("法律咨询", 1)]
    [InlineData("法律咨詢", 1)]
    [InlineData("我想预约调解。", 2)]
    [InlineData("随手拍", 0)]
    [InlineData("我要查一下进度", 3)]
    [InlineData("调解", 2)]
    public void Recognize_NumberTitleOrSynonym_FindsTheOption(string input, int expectedIndex)
    {
        var result = ChoiceRecognizer.Recognize(ChineseText.ToMatchKey(input), Choices);

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal(expectedIndex, result.Value!.Index);
        Assert.Equal(Choices[expectedIndex].Value, result.Value.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("你好")]
    [InlineData("询")]
    [InlineData("1和2")]
    [InlineData("我家门牌号是12，楼下有个坑")]
    [InlineData("2楼漏水")]
    [InlineData("3号楼停电")]
    [InlineData("第4天了")]
    public void Recognize_NoClearOption_Fails(string input)
    {
        var result = ChoiceRecognizer.Recognize(ChineseText.ToMatchKey(input), Choices);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrEmpty(result.Problem));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("我选2")]
    [InlineData("就要第三个吧")]
    [InlineData("选择1号")]
    [InlineData("第二个")]
    [InlineData("②")]
    [InlineData("那就选项2吧")]
    [InlineData("好的，3")]
    public void TryReadPick_AnOptionsNumberAlone_IsAPick(string input) =>
        Assert.True(ChoiceRecognizer.TryReadPick(ChineseText.ToMatchKey(input), out _));

    [Theory]
    [InlineData("2楼着火")]
    [InlineData("我在3号楼 有人晕倒")]
    [InlineData("120")]
    [InlineData("0")]
    [InlineData("法律咨询")]
    [InlineData("5栋门口垃圾没人清")]
    [InlineData("12月3号")]
    public void TryReadPick_ANumberWithMoreSaid_OrAHotline_IsNot(string input) =>
        Assert.False(ChoiceRecognizer.TryReadPick(ChineseText.ToMatchKey(input), out _));

    [Fact]
    public void Recognize_NumberOutOfRange_SaysTheRange()
    {
        var result = ChoiceRecognizer.Recognize("7", Choices);

        Assert.False(result.Succeeded);
        Assert.Contains("第7项", result.Problem, StringComparison.Ordinal);
        Assert.Contains("1到4", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("要吧", 0)]
    [InlineData("好的呀", 0)]
    [InlineData("不用", 1)]
    [InlineData("人身安全保护令去哪申请 要什么材料", -1)]
    [InlineData("好像又冒烟了", -1)]
    public void Recognize_AOneCharacterWord_CountsOnlyInAShortAnswer(string input, int expectedIndex)
    {
        Choice[] offer = [new("提交紧急工单", ["是", "好", "提交", "需要", "要"]), new("不用了", ["否", "不", "不用", "不需要", "算了"])];

        var result = ChoiceRecognizer.Recognize(ChineseText.ToMatchKey(input), offer);

        Assert.Equal(expectedIndex, result.Succeeded ? result.Value!.Index : -1);
    }

    [Fact]
    public void Recognize_TwoTitlesEquallyContained_IsNotAGuess()
    {
        var result = ChoiceRecognizer.Recognize(ChineseText.ToMatchKey("法律和进度"), [new Choice("法律"), new Choice("进度")]);

        Assert.False(result.Succeeded);
    }
}
