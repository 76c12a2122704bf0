using CitizenBot.Bot.Handoff;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Tests.Handoff;

public sealed class ConversationTranscriptTests
{
    [Theory]
    [InlineData("电话13812345678", "电话138****5678")]
    [InlineData("电话 138 1234 5678 找我", "电话 138****5678 找我")]
    [InlineData("身份证11010119900307123X", "身份证110*************3X")]
    [InlineData("座机0871-65123456", "座机0871-651*3456")]
    [InlineData("工单20261127-0001怎么样了", "工单20261127-0001怎么样了")]
    public void Mask_NumbersInText_PhonesAndIdsHidden(string text, string expected) =>
        Assert.Equal(expected, ConversationTranscript.Mask(text));

    [Fact]
    public void Compose_LongConversation_KeepsTheNewestLinesWithinTheBudget()
    {
        var log = Enumerable.Range(1, 30).Select(i => Message(i % 2 == 0 ? RoleTypes.Bot : RoleTypes.User, $"第{i}句\n换行")).ToList();

        var transcript = ConversationTranscript.Compose(log, maxLines: 20, maxLength: 100);

        var lines = transcript.Split('\n');
        Assert.True(transcript.Length <= 100, transcript);
        Assert.Equal("智能助手：第30句 / 换行", lines[^1]);
        Assert.Equal("市民：第29句 / 换行", lines[^2]);
        Assert.DoesNotContain("第10句", transcript, StringComparison.Ordinal);
    }

    private static Activity Message(string role, string text) =>
        new() { Type = ActivityTypes.Message, Text = text, From = new ChannelAccount(role == RoleTypes.Bot ? "bot" : "user", role: role) };
}
