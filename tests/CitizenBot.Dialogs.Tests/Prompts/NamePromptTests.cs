using CitizenBot.Dialogs.Prompts;

namespace CitizenBot.Dialogs.Tests.Prompts;

public sealed class NamePromptTests
{
    [Theory]
    [InlineData("王女士", "王女士")]
    [InlineData("我叫陈秀英", "陈秀英")]
    [InlineData("前夫叫赵刚", "赵刚")]
    [InlineData("我刚才不是说了吗，孙大伟", "孙大伟")]
    [InlineData("名字是 张伟", "张伟")]
    [InlineData("楼上1502住户", "楼上1502住户")]
    [InlineData("叫", "叫")]
    [InlineData("王芳 13800001111", "王芳")]
    [InlineData("张三，138 0013 8000", "张三")]
    [InlineData("宏达建筑公司，刚才说了", "宏达建筑公司")]
    [InlineData("宏达建筑公司 上面写过了", "宏达建筑公司")]
    public void Clean_AnAnswerAsPeopleSayIt_KeepsTheName(string text, string name) => Assert.Equal(name, NamePrompt.Clean(text));

    [Theory]
    [InlineData("李四", true)]
    [InlineData("楼上302住户", true)]
    [InlineData("某某饭店老板", true)]
    [InlineData("不知道", false)]
    [InlineData("不想说名字", false)]
    [InlineData("要名字干嘛？", false)]
    [InlineData("跳过", false)]
    [InlineData("好的", false)]
    [InlineData("13800138000", false)]
    [InlineData("123", false)]
    public void IsName_Answer_OnlyANameOrAFormOfAddress(string text, bool isName) => Assert.Equal(isName, NamePrompt.IsName(text));

    [Theory]
    [InlineData("13800138000")]
    [InlineData("我电话13800138000")]
    [InlineData("手机号 138 0013 8000")]
    public void Clean_ANumberWithNoName_LeavesNoName(string text) => Assert.False(NamePrompt.IsName(NamePrompt.Clean(text)));
}
