using System.Text;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Tests.Turns;

public sealed class TurnLedgerTests
{
    [Fact]
    public void Append_ChineseReply_KeptAsUtf8AndGivenBackTheSame()
    {
        var reply = Activity.CreateMessage("请选择要上报的问题类别：");

        var bytes = TurnLedger.Empty.Append("m1", [reply]);

        Assert.Contains("请选择要上报的问题类别：", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.True(TurnLedger.Read(bytes).TryFind("m1", out var again));
        Assert.Equal("请选择要上报的问题类别：", Assert.Single(again).Text);
    }

    [Fact]
    public void Append_MoreTurnsThanRemembered_OnlyTheLastOnesFoundAndTheSizeStaysBounded()
    {
        var bytes = TurnLedger.Empty.Append("m1", [Activity.CreateMessage("好的")]);
        var sizes = new List<int>();
        for (var i = 2; i <= TurnLedger.RememberedTurns * 3; i++)
        {
            bytes = TurnLedger.Read(bytes).Append($"m{i}", [Activity.CreateMessage("好的")]);
            sizes.Add(bytes.Length);
        }

        var ledger = TurnLedger.Read(bytes);
        var last = TurnLedger.RememberedTurns * 3;
        Assert.True(ledger.TryFind($"m{last - TurnLedger.RememberedTurns + 1}", out _));
        Assert.False(ledger.TryFind($"m{last - TurnLedger.RememberedTurns}", out _));
        Assert.False(ledger.TryFind("m1", out _));
        Assert.Equal(sizes[^TurnLedger.RememberedTurns], sizes[^1]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[\"m1\"]")]
    [InlineData("{\"replies\":[]}")]
    [InlineData("{\"ids\":\"m1\"}")]
    [InlineData("{\"ids\":[1]}")]
    [InlineData("{\"ids\":[\"m1\"")]
    public void Read_UnreadableLedger_CountsAsEmpty(string saved)
    {
        var ledger = TurnLedger.Read(Encoding.UTF8.GetBytes(saved));

        Assert.False(ledger.TryFind("m1", out _));
    }

    [Fact]
    public void Read_IdsAfterTheReplies_StillFound()
    {
        var ledger = TurnLedger.Read(Encoding.UTF8.GetBytes("""{"replies":[{"type":"message","text":"好的"}],"ids":["m1","m2"]}"""));

        Assert.True(ledger.TryFind("m1", out var older));
        Assert.Empty(older);
        Assert.True(ledger.TryFind("m2", out var last));
        Assert.Equal("好的", Assert.Single(last).Text);
    }
}
