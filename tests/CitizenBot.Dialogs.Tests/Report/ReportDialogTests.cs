using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.GridWorker;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Tests.Harness;
using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Tests.Report;

public sealed class ReportDialogTests
{
    [Fact]
    public async Task Submit_FullFlow_DeskGetsEveryAnswer()
    {
        using var bot = TestBot.CreateWithFlows();

        await SayAllAsync(bot, "事件上报", "2", "[photo] [photo]", "好了", "[location 30.5,114.3 城关镇人民路25号]", "楼顶加盖彩钢房", "1", "王女士", "138 0013 8000", "是");

        var submission = Assert.Single(bot.Desk.Submissions);
        Assert.Equal("01-01", submission.CategoryCode);
        Assert.Equal(["photo-1", "photo-2"], submission.PhotoIds);
        Assert.Equal(new ReportLocation(30.5, 114.3, CoordinateSystems.Gcj02, "城关镇人民路25号"), submission.Location);
        Assert.Equal("楼顶加盖彩钢房", submission.Description);
        Assert.False(submission.Anonymous);
        Assert.Equal(("王女士", "13800138000"), (submission.ContactName, submission.ContactPhone));
        Assert.Equal(new Reporter("test", TestActivities.UserId, "conversation-1", ReporterRole.Resident), submission.Reporter);
    }

    [Fact]
    public async Task Submit_Anonymous_NoContactReachesTheDesk()
    {
        using var bot = TestBot.CreateWithFlows();

        await SayAllAsync(bot, "[photo] [location 30.5,114.3] 消防通道被电动车堵了", "匿名", "是");

        var submission = Assert.Single(bot.Desk.Submissions);
        Assert.True(submission.Anonymous);
        Assert.Null(submission.ContactName);
        Assert.Null(submission.ContactPhone);
    }

    [Fact]
    public async Task QuickPath_RegisteredGridWorker_SubmitsAsGridWorkerWithoutContactQuestions()
    {
        using var bot = TestBot.CreateWithFlows();
        bot.GridWorkers.Registrations[("test", TestActivities.UserId)] =
            new GridWorkerRegistration("test", TestActivities.UserId, "李师傅", "13900139000", GigPlatform.Meituan);

        // The words make the category clear: it is filled in, and the grid worker is asked nothing but to confirm.
        await SayAllAsync(bot, "[photo] [location 30.5,114.3] 消防通道被电动车堵了");
        var replies = await bot.SayAsync("是");

        Assert.Contains("工单编号：20261127-0001", replies[0].Shown(), StringComparison.Ordinal);
        var submission = Assert.Single(bot.Desk.Submissions);
        Assert.Equal(ReporterRole.GridWorker, submission.Reporter.Role);
        Assert.Equal("05-01", submission.CategoryCode);
        Assert.Equal("消防通道被电动车堵了", submission.Description);
    }

    [Fact]
    public async Task Description_TenThousandCharacters_KeepsTheFirst500AndSaysSo()
    {
        using var bot = TestBot.CreateWithFlows();
        await SayAllAsync(bot, "事件上报", "4", "跳过", "城关镇人民路25号");
        var longText = string.Concat(Enumerable.Repeat("井盖缺了一块，晚上很危险。", 1000));

        var replies = await bot.SayAsync(longText);

        Assert.Equal(string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.ReportDescriptionCut, 500), replies[0].Shown());
        Assert.Equal(Texts.ReportAskContact, replies[1].Shown().Split("\n1.")[0]);
        await SayAllAsync(bot, "匿名", "是");
        Assert.Equal(longText[..500], Assert.Single(bot.Desk.Submissions).Description);
    }

    [Fact]
    public async Task Description_SplitWouldCutAnEmoji_KeepsWholeCharacters()
    {
        using var bot = TestBot.CreateWithFlows();
        await SayAllAsync(bot, "事件上报", "4", "跳过", "城关镇人民路25号");

        await bot.SayAsync(new string('路', 499) + string.Concat(Enumerable.Repeat("🚧", 10)));
        await SayAllAsync(bot, "匿名", "是");

        var description = Assert.Single(bot.Desk.Submissions).Description;
        Assert.Equal(new string('路', 499), description);
    }

    [Fact]
    public async Task Photos_TenInOneMessage_KeepsNineAndMovesOn()
    {
        using var bot = TestBot.CreateWithFlows();
        await SayAllAsync(bot, "事件上报", "4");

        var replies = await SayAsync(bot, string.Concat(Enumerable.Repeat("[photo] ", 10)));

        Assert.StartsWith("最多9张照片，多出的1张没有收下。", replies[0].Shown(), StringComparison.Ordinal);
        Assert.StartsWith("问题在哪里？", replies[1].Shown(), StringComparison.Ordinal);
        await SayAllAsync(bot, "城关镇人民路25号", "井盖缺了一块", "匿名", "是");
        Assert.Equal(9, Assert.Single(bot.Desk.Submissions).PhotoIds.Count);
    }

    [Fact]
    public async Task Photos_GpsInPhoto_FillsTheLocationWithoutAsking()
    {
        using var bot = TestBot.CreateWithFlows();
        await SayAllAsync(bot, "事件上报", "4");

        var replies = await SayAsync(bot, "[photo:gps]");
        await bot.SayAsync("好了");

        Assert.StartsWith(Texts.ReportPhotoGps, replies[0].Shown(), StringComparison.Ordinal);
        await SayAllAsync(bot, "井盖缺了一块", "匿名", "是");
        var location = Assert.Single(bot.Desk.Submissions).Location;
        Assert.Equal((30.61, 114.31, CoordinateSystems.Wgs84), (location.Latitude!.Value, location.Longitude!.Value, location.Crs));
    }

    [Fact]
    public async Task Photos_LocationSentInstead_TakesItAndAsksForTheDescription()
    {
        using var bot = TestBot.CreateWithFlows();
        await SayAllAsync(bot, "事件上报", "4", "[photo]");

        var replies = await SayAsync(bot, "[location 30.5,114.3 城关镇人民路25号]");

        Assert.Equal(["已定位：城关镇人民社区 第3网格。", string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.ReportAskDescription, 500)], replies.Select(r => r.Shown()));
        await SayAllAsync(bot, "井盖缺了一块", "匿名", "是");
        var submission = Assert.Single(bot.Desk.Submissions);
        Assert.Equal(("城关镇人民路25号", 1), (submission.Location.Address, submission.PhotoIds.Count));
    }

    [Fact]
    public async Task Duplicate_Supplement_AddsToTheExistingTicketInsteadOfSubmitting()
    {
        using var bot = TestBot.CreateWithFlows();

        await SayAllAsync(bot, "[photo] [location 30.2,114.2] 消防通道又被堵了", "是", "匿名", "补充到已有工单", "是");

        Assert.Empty(bot.Desk.Submissions);
        var (ticketId, submission) = Assert.Single(bot.Desk.Supplements);
        Assert.Equal("t-3", ticketId);
        Assert.Equal(["photo-1"], submission.PhotoIds);
    }

    [Fact]
    public async Task Cancel_AtTheSummary_NothingIsSubmitted()
    {
        using var bot = TestBot.CreateWithFlows();
        await SayAllAsync(bot, "[photo] [location 30.5,114.3] 消防通道被电动车堵了", "匿名");

        var replies = await bot.SayAsync("取消");

        Assert.Equal(Texts.Cancelled, replies[0].Shown());
        Assert.Empty(bot.Desk.Submissions);
        Assert.Empty(bot.Desk.Supplements);
        Assert.Empty(bot.State.Stack);
    }

    [Fact]
    public async Task QuickPath_PhotoWithoutWords_AsksForTheDescription()
    {
        using var bot = TestBot.CreateWithFlows();

        var replies = await SayAsync(bot, "[photo] [location 30.5,114.3] 看");

        Assert.StartsWith(Texts.ReportAskCategory, replies[^1].Shown(), StringComparison.Ordinal);
        var next = await bot.SayAsync("1");
        Assert.Equal(
            string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.ReportAskDescription, 500),
            next[^1].Text);
    }

    private static Task<IReadOnlyList<Activity>> SayAsync(TestBot bot, string line) => bot.SendAsync(Transcript.ToActivity(line));

    [Fact]
    public async Task Submit_ConfirmRunAgainFromTheSameSavedState_SameSubmissionIdBothTimes()
    {
        using var bot = TestBot.CreateWithFlows();
        await SayAllAsync(bot, "[photo] [location 30.5,114.3] 消防通道被电动车堵了", "是", "匿名");
        var beforeConfirm = bot.State;

        await SayAllAsync(bot, "是");
        // The process died after the ticket's commit and before the state was saved: the retried 是 runs again.
        bot.State = beforeConfirm;
        bot.Restart();
        await SayAllAsync(bot, "是");

        Assert.Equal(2, bot.Desk.Submissions.Count);
        Assert.Matches("^[0-9a-f]{32}$", bot.Desk.Submissions[0].SubmissionId);
        Assert.Equal(bot.Desk.Submissions[0].SubmissionId, bot.Desk.Submissions[1].SubmissionId);
    }

    [Fact]
    public async Task Submit_TwoReportsOneAfterTheOther_DifferentSubmissionIds()
    {
        using var bot = TestBot.CreateWithFlows();

        await SayAllAsync(bot, "[photo] [location 30.5,114.3] 消防通道被电动车堵了", "是", "匿名", "是");
        await SayAllAsync(bot, "[photo] [location 30.6,114.4] 路灯坏了", "是", "匿名", "是");

        Assert.Equal(2, bot.Desk.Submissions.Count);
        Assert.NotEqual(bot.Desk.Submissions[0].SubmissionId, bot.Desk.Submissions[1].SubmissionId);
    }

    private static async Task SayAllAsync(TestBot bot, params string[] lines)
    {
        foreach (var line in lines)
        {
            await bot.SendAsync(Transcript.ToActivity(line));
        }
    }
}
