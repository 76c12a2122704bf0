using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Tests.Runtime;

public sealed class ConversationStateTests
{
    [Fact]
    public void Serialize_ChinesePromptText_StoredAsUtf8AndReadBackUnchanged()
    {
        const string help = "回复数字或类别名称，也可以直接说出问题，例如“违建”“井盖”。\n正在发生火灾请立即拨打119。<b>&'\"";
        var state = new ConversationState();
        state.Stack.Add(new DialogInstance { Id = "ChoicePrompt", State = new JsonObject { ["help"] = help } });

        var bytes = state.Serialize();
        var read = ConversationState.Deserialize(bytes);

        Assert.Contains("回复数字或类别名称", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.True(bytes.Length < 250, $"{bytes.Length} bytes");
        Assert.Equal(help, read.Stack.Single().State["help"]!.GetValue<string>());
    }

    [Fact]
    public void Deserialize_StateSavedWithEscapedChinese_ReadsTheSameText()
    {
        var saved = """{"stack":[],"values":{"name":"\u5F20\u4E09"}}"""u8;

        var read = ConversationState.Deserialize(saved);

        Assert.Equal("张三", read.Values["name"]!.GetValue<string>());
    }
}
