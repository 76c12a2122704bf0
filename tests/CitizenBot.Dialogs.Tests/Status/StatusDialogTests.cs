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

    [Theory]
    [InlineData("催办 20261125-0011", TicketAction.Urge, "20261125-0011")]
    [InlineData("撤回20261125-0011", TicketAction.Withdraw, "20261125-0011")]
    [InlineData("重办 20261120-0003", TicketAction.Reopen, "20261120-0003")]
    [InlineData("评价 20261120-0003", TicketAction.Rate, "20261120-0003")]
    public void TryRead_Command_ActionAndNumber(string text, TicketAction action, string number) =>
        Assert.Equal((action, number), TicketCommand.TryRead(text));

    [Theory]
    [InlineData("催办")]
    [InlineData("我想催办 20261125-0011")]
    [InlineData("删除 20261125-0011")]
    [InlineData("")]
    public void TryRead_NotACommand_Null(string text) => Assert.Null(TicketCommand.TryRead(text));

    [Theory]
    [InlineData("催一下20261205-0001", TicketAction.Urge)]
    [InlineData("怎么还没人管", TicketAction.Urge)]
    [InlineData("我要撤回这个工单", TicketAction.Withdraw)]
    [InlineData("没解决，怎么还没人管", TicketAction.Reopen)]
    [InlineData("我对处理结果不满意", TicketAction.Reopen)]
    [InlineData("能不能让他们快点啊，晚上老人走路差点摔了", TicketAction.Urge)]
    [InlineData("撤了吧", TicketAction.Withdraw)]
    [InlineData("灯还是不亮啊，根本没人来修过", TicketAction.Reopen)]
    [InlineData("查一下我的工单", null)]
    public void ActionIn_Words_TheWish(string text, TicketAction? action) => Assert.Equal(action, TicketCommand.ActionIn(text));

    [Theory]
    [InlineData("催一下20261205-0001", "20261205-0001")]
    [InlineData("工单 20261205-0001 没解决", "20261205-0001")]
    [InlineData("电话13800138000", null)]
    [InlineData("2026120-0001", null)]
    public void NumberIn_Text_TicketNumberOnly(string text, string? number) => Assert.Equal(number, TicketCommand.NumberIn(text));

    [Fact]
    public async Task Withdraw_ReasonAndConfirmation_ReachThePort()
    {
        using var bot = TestBot.CreateWithFlows();

        await bot.SayAsync(TicketCommand.For(TicketAction.Withdraw, "20261125-0011"));
        await bot.SayAsync("问题已经自行解决");
        await bot.SayAsync("是");

        Assert.Equal(("t-2", "问题已经自行解决", false), Assert.Single(bot.Lifecycle.Withdrawals));
    }

    [Fact]
    public async Task List_AWishInWordsWithItsReason_AsksWhichTicketThenActsWithoutAskingWhy()
    {
        using var bot = TestBot.CreateWithFlows();
        await bot.SayAsync("我的上报");

        var which = await bot.SayAsync("不用管了，已经有人修好了");
        await bot.SayAsync("1");
        await bot.SayAsync("是");

        Assert.StartsWith("您要办理哪个工单？", which[0].Shown(), StringComparison.Ordinal);
        Assert.Equal(("t-2", "不用管了，已经有人修好了", false), Assert.Single(bot.Lifecycle.Withdrawals));
    }

    [Fact]
    public async Task TicketActions_AWishInWords_PicksThatAction()
    {
        using var bot = TestBot.CreateWithFlows();
        await bot.SayAsync("我的上报");
        await bot.SayAsync("1");

        var replies = await bot.SayAsync("已经修好了，你们不用来了");
        await bot.SayAsync("是");

        Assert.Contains(replies, r => r.Shown().StartsWith("确认撤回工单20261125-0011吗？", StringComparison.Ordinal));
        Assert.Equal(("t-2", "已经修好了，你们不用来了", false), Assert.Single(bot.Lifecycle.Withdrawals));
    }

    [Theory]
    [InlineData("撤回 20261205-0001", TicketAction.Withdraw, null)]
    [InlineData("我要撤回这个工单", TicketAction.Withdraw, null)]
    [InlineData("报错了", TicketAction.Withdraw, "报错了")]
    [InlineData("不用修了 我看已经有人修好了", TicketAction.Withdraw, "不用修了 我看已经有人修好了")]
    [InlineData("不满意", TicketAction.Reopen, null)]
    [InlineData("没解决，楼道灯还是不亮", TicketAction.Reopen, "没解决，楼道灯还是不亮")]
    public void ReasonIn_Words_WhyWhenTheySayIt(string text, TicketAction action, string? reason) =>
        Assert.Equal(reason, TicketCommand.ReasonIn(text, action));

    [Fact]
    public async Task Withdraw_AReasonTheModelsMisreadAsSelfHarm_GetsTheHotlineInALineAndIsTakenAsTheReason()
    {
        using var bot = TestBot.CreateWithFlows();
        await bot.SayAsync(TicketCommand.For(TicketAction.Withdraw, "20261125-0011"));

        var replies = await bot.SayAsync("环卫的已经拉走了");

        Assert.StartsWith("如果您或身边的人有伤害自己的想法，可以随时拨打心理援助热线12356", replies[0].Shown(), StringComparison.Ordinal);
        Assert.Contains(replies, r => r.Shown().StartsWith("确认撤回工单20261125-0011吗？", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("修是修好了，不过拖了好几天，一般般吧", "请评价工单20261120-0003的处理结果")]
    [InlineData("车根本没挪，你们说办结了是糊弄人", "可以发一张现场照片")]
    public async Task AnsweredTicket_ASentenceAtItsActions_PicksRatingOrReopen(string text, string expected)
    {
        using var bot = TestBot.CreateWithFlows();
        await bot.SayAsync("我的上报");
        await bot.SayAsync("20261120-0003");

        var replies = await bot.SayAsync(text);

        Assert.Contains(replies, r => r.Shown().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Withdraw_SomeoneElsesTicket_NothingAsked()
    {
        using var bot = TestBot.CreateWithFlows();

        var replies = await bot.SayAsync(TicketCommand.For(TicketAction.Withdraw, "20261126-0007"));

        Assert.Empty(bot.Lifecycle.Withdrawals);
        Assert.DoesNotContain(replies, r => r.Text!.Contains("原因", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reopen_ReasonAndPhoto_ReachThePort()
    {
        using var bot = TestBot.CreateWithFlows();

        await bot.SayAsync(TicketCommand.For(TicketAction.Reopen, "20261120-0003"));
        await bot.SayAsync("井盖还是松的");
        await bot.SendAsync(Transcript.ToActivity("[photo]"));

        var reopen = Assert.Single(bot.Lifecycle.Reopens);
        Assert.Equal("t-1", reopen.TicketId);
        Assert.Equal("井盖还是松的", reopen.Reason);
        Assert.NotNull(reopen.PhotoId);
    }

    [Fact]
    public async Task Reopen_NotAnImage_AskedAgainNothingSent()
    {
        using var bot = TestBot.CreateWithFlows();

        await bot.SayAsync(TicketCommand.For(TicketAction.Reopen, "20261120-0003"));
        await bot.SayAsync("井盖还是松的");
        var replies = await bot.SendAsync(Transcript.ToActivity("[file]"));

        Assert.Empty(bot.Lifecycle.Reopens);
        Assert.Contains(replies, r => r.Text!.Contains("跳过", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reopen_TicketStillOpen_Refused()
    {
        using var bot = TestBot.CreateWithFlows();

        var replies = await bot.SayAsync(TicketCommand.For(TicketAction.Reopen, "20261125-0011"));

        Assert.Empty(bot.Lifecycle.Reopens);
        Assert.Contains(replies, r => r.Text!.StartsWith("工单20261125-0011还没有办结", StringComparison.Ordinal));
    }
}
