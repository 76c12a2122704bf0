using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Tests.Prompts;

public sealed class SummaryPromptTests
{
    private static readonly Choice[] Parts =
    [
        new("类别", ["分类"]),
        new("位置", ["地址", "地点"]),
        new("描述", ["内容"]),
        new("联系方式", ["电话", "名字", "对方"]),
    ];

    [Theory]
    [InlineData("地址写错了，是15号不是5号", 1)]
    [InlineData("改地址", 1)]
    [InlineData("地址", 1)]
    [InlineData("电话号码错了 应该是139", 3)]
    [InlineData("描述不对，再补充一点", 2)]
    [InlineData("是，不过地点要改一下", 1)]
    [InlineData("没问题提交吧，哦对了地点是东门菜市场北边巷子", 1)]
    [InlineData("同意，但对方其实是人保财险城关支公司", 3)]
    public void Read_APartNamedToChange_ChangesThatPart(string text, int part) =>
        Assert.Equal(new SummaryAnswer(Confirmed: null, part), SummaryPrompt.Read(ChineseText.ToMatchKey(text), Parts));

    [Theory]
    [InlineData("修改")]
    [InlineData("不对")]
    [InlineData("写错了")]
    [InlineData("对 提交吧 对了不是4栋是5栋")]
    public void Read_AChangeWithoutAPart_AsksWhich(string text) =>
        Assert.Equal(SummaryAnswer.ChangeSomething, SummaryPrompt.Read(ChineseText.ToMatchKey(text), Parts));

    [Theory]
    [InlineData("是", true)]
    [InlineData("是的，没错", true)]
    [InlineData("地址没错，提交", true)]
    [InlineData("否", false)]
    public void Read_YesOrNo_IsTheAnswer(string text, bool yes) =>
        Assert.Equal(new SummaryAnswer(yes), SummaryPrompt.Read(ChineseText.ToMatchKey(text), Parts));

    [Theory]
    [InlineData("这个多久能处理")]
    [InlineData("😀")]
    public void Read_NeitherYesNoNorAChange_IsNotUnderstood(string text) =>
        Assert.Null(SummaryPrompt.Read(ChineseText.ToMatchKey(text), Parts));
}
