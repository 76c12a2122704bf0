using CitizenBot.Dialogs.Status;
using CitizenBot.Dialogs.Tests.Fakes;
using CitizenBot.Dialogs.Tests.Harness;

namespace CitizenBot.Dialogs.Tests.Status;

public sealed class StatusDialogTests
{
    [Fact]
    public async Task List_OtherUsersTicketNearby_NeverShown()
    {
        using var bot = TestBot.CreateWithFlows();

        var replies = await bot.SayAsync("我的上报");

        // What the resident sees: the text and the options offered with it.
        var text = string.Join("\n", replies.Select(r => r.Shown() + "\n" + string.Join("\n", r.SuggestedActions?.Actions.Select(a => a.Title) ?? [])));
        Assert.Contains("20261125-0011", text, StringComparison.Ordinal);
        Assert.Contains("20261120-0003", text, StringComparison.Ordinal);
        Assert.DoesNotContain("20261126-0007", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateCommand_ResolvedTicket_RatingReachesThePort()
    {
        using var bot = TestBot.CreateWithFlows();

        await bot.SayAsync(RateCommand.For("20261120-0003"));
        await bot.SayAsync("不满意");
        await bot.SayAsync("否");
        await bot.SayAsync("井盖换了但是不平");

        var rating = Assert.Single(bot.Rating.Ratings);
        Assert.Equal(("t-1", Satisfaction.Dissatisfied, false, "井盖换了但是不平"), rating);
    }

    [Fact]
    public async Task RateCommand_SkipComment_NoComment()
    {
        using var bot = TestBot.CreateWithFlows();

        await bot.SayAsync(RateCommand.For("20261120-0003"));
        await bot.SayAsync("满意");
        await bot.SayAsync("是");
        await bot.SayAsync("跳过");

        Assert.Null(Assert.Single(bot.Rating.Ratings).Comment);
    }

    [Fact]
    public async Task RateCommand_SomeoneElsesTicket_NotRatedAndNotShown()
    {
        using var bot = TestBot.CreateWithFlows();

        var replies = await bot.SayAsync(RateCommand.For("20261126-0007"));

        Assert.Empty(bot.Rating.Ratings);
        Assert.DoesNotContain(replies, r => r.Shown().Contains("已受理", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_NoTickets_SaysHowToReport()
    {
        using var bot = TestBot.CreateWithFlows();
        var stranger = TestActivities.Message("我的上报");
        stranger.From = new Channels.Activities.ChannelAccount(FakeReportDesk.OtherUserId + "-none");

        var replies = await bot.SendAsync(stranger);

        Assert.Contains(replies, r => r.Shown().StartsWith("您还没有上报过问题。", StringComparison.Ordinal));
        Assert.Empty(bot.State.Stack);
    }

    [Fact]
    public async Task RateCommand_TraditionalCharacters_StartsTheRating()
    {
        using var bot = TestBot.CreateWithFlows();

        var replies = await bot.SayAsync("評價 20261120-0003");

        Assert.StartsWith("请评价工单20261120-0003的处理结果", replies[^1].Shown(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("评价 20261120-0003", "20261120-0003")]
    [InlineData("评价20261120-0003", "20261120-0003")]
    [InlineData("评价一下", null)]
    [InlineData("我想评价 20261120-0003", null)]
    public void TryRead_Text_TicketNumberOfACommandOnly(string text, string? number) =>
        Assert.Equal(number, RateCommand.TryRead(text));
}
