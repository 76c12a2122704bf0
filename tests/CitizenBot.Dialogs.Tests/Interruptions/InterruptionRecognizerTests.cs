using CitizenBot.Dialogs.Interruptions;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Tests.Interruptions;

public sealed class InterruptionRecognizerTests
{
    [Theory]
    [InlineData("取消", nameof(Interruption.Cancel))]
    [InlineData("取消！", nameof(Interruption.Cancel))]
    [InlineData("不办了", nameof(Interruption.Cancel))]
    [InlineData("算了吧", nameof(Interruption.Cancel))]
    [InlineData("以后再说", nameof(Interruption.Cancel))]
    [InlineData("算了算了，不报了", nameof(Interruption.Cancel))]
    [InlineData("返回", nameof(Interruption.Back))]
    [InlineData("上一步", nameof(Interruption.Back))]
    [InlineData("帮助", nameof(Interruption.Help))]
    [InlineData("幫助", nameof(Interruption.Help))]
    [InlineData("人工", nameof(Interruption.Human))]
    [InlineData("轉人工", nameof(Interruption.Human))]
    [InlineData("返回主菜单", nameof(Interruption.Menu))]
    [InlineData("菜单", nameof(Interruption.Menu))]
    [InlineData("重新开始", nameof(Interruption.Restart))]
    [InlineData("从头来！", nameof(Interruption.Restart))]
    public void Recognize_WholeMessageIsTheWord_FindsIt(string input, string expected) =>
        Assert.Equal(Enum.Parse<Interruption>(expected), InterruptionRecognizer.Recognize(ChineseText.ToMatchKey(input)));

    [Theory]
    [InlineData("")]
    [InlineData("他取消了合同，我要维权")]
    [InlineData("返回的路上看到井盖坏了")]
    [InlineData("需要人工智能吗")]
    [InlineData("城关镇人民路25号")]
    public void Recognize_WordInsideASentence_IsNotAnInterruption(string input) =>
        Assert.Equal(Interruption.None, InterruptionRecognizer.Recognize(ChineseText.ToMatchKey(input)));

    [Theory]
    [InlineData("算了 那我找物业问问")]
    [InlineData("算了，不报了")]
    [InlineData("不弄了！谢谢")]
    [InlineData("取消。我重新说")]
    [InlineData("算了不报了，都是邻居，闹大了不好")]
    public void Recognize_MessageOpeningWithACancellingClause_Cancels(string input) =>
        Assert.Equal(Interruption.Cancel, InterruptionRecognizer.Recognize(ChineseText.ToMatchKey(input), ChineseText.Normalize(input)));

    [Theory]
    [InlineData("算了的事")]
    [InlineData("算了，不说了，反正楼下那家天天半夜唱歌吵得人睡不着")]
    [InlineData("退出登录后看不到我的上报了")]
    [InlineData("结束了吗？我的工单")]
    [InlineData("算了，还是提交吧")]
    [InlineData("算了 撤回吧")]
    public void Recognize_StoryThatOpensWithACancellingWord_IsNotAnInterruption(string input) =>
        Assert.Equal(Interruption.None, InterruptionRecognizer.Recognize(ChineseText.ToMatchKey(input), ChineseText.Normalize(input)));
}
