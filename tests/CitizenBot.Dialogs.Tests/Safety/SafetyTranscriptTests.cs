using System.Globalization;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Privacy;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Tests.Harness;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Dialogs.Tests.Safety;

/// <summary>Safety as conversations: emergencies at any step, self-harm, domestic violence, insults, the citizen's data.</summary>
public sealed class SafetyTranscriptTests
{
    private const string Folder = "Safety";

    public static TheoryData<string> Files() => Transcript.FilesIn(Folder);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Run_SafetyTranscript_BotRepliesAsWritten(string file)
    {
        var transcript = await Transcript.LoadAsync(Folder, file);
        using var bot = CreateBot(new FakePersonalDataDesk());

        await TranscriptRunner.RunAsync(transcript, bot);
    }

    [Fact]
    public async Task UrgentTicket_TheReportsPlaceTapped_FiledWithTheReportsPoint()
    {
        using var bot = CreateBot(new FakePersonalDataDesk());

        await TranscriptRunner.RunAsync(await Transcript.LoadAsync(Folder, "06-urgent-ticket-keeps-the-location.transcript"), bot);

        var urgent = Assert.Single(bot.Desk.Submissions);
        Assert.Equal((30.61, 114.31), (urgent.Location.Latitude, urgent.Location.Longitude));
    }

    [Fact]
    public void Files_SafetyFolder_HoldsTheScenarios() =>
        Assert.True(Files().Count >= 5, $"Expected the safety transcripts in {Folder}.");

    [Fact]
    public async Task OnTurn_FireDuringReportThenTicket_SubmitsUrgentFireSafetyTicketWithTheCitizensWords()
    {
        using var bot = CreateBot(new FakePersonalDataDesk());
        await bot.SayAsync("事件上报");
        await bot.SayAsync("2");

        await bot.SayAsync("煤气味很大，整栋楼都能闻到");
        await bot.SayAsync("提交紧急工单");
        await bot.SendAsync(TestActivities.Location(30.5, 114.3, "城关镇人民路25号"));

        var ticket = Assert.Single(bot.Desk.Submissions);
        Assert.Equal(Urgency.Urgent, ticket.Urgency);
        Assert.Equal("05-01", ticket.CategoryCode);
        Assert.Equal("煤气味很大，整栋楼都能闻到", ticket.Description);
        Assert.Equal(30.5, ticket.Location.Latitude);
        // The report in progress is still there to go on with.
        var resumed = await bot.SayAsync("继续");
        Assert.Contains(resumed, r => r.Shown().Contains("请拍摄或上传现场照片", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnTurn_UrgentTicketDeclined_NothingIsSubmitted()
    {
        using var bot = CreateBot(new FakePersonalDataDesk());

        await bot.SayAsync("隔壁着火了");
        var replies = await bot.SayAsync("不用了");

        Assert.Empty(bot.Desk.Submissions);
        Assert.Equal(Texts.EmergencyTicketDeclined, replies[0].Shown());
    }

    [Fact]
    public async Task OnTurn_SelfHarmMessage_OffersNoFormAndConfiguredHotline()
    {
        using var bot = CreateBot(new FakePersonalDataDesk(), new() { ["Safety:CrisisHotline"] = "400-161-9995", ["Safety:CrisisHotlineHours"] = "24小时" });

        var replies = await bot.SayAsync("有人站在桥栏杆外面");

        var reply = Assert.Single(replies);
        Assert.Contains("110（报警）、120（急救）", reply.Shown().Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("400-161-9995（24小时）", reply.Shown(), StringComparison.Ordinal);
        Assert.Null(reply.SuggestedActions);
        Assert.Empty(bot.State.Stack);
    }

    [Fact]
    public async Task OnTurn_WeChatUnsubscribeThenSubscribe_SchedulesThenCallsOffErasure()
    {
        var desk = new FakePersonalDataDesk();
        using var bot = CreateBot(desk);
        var leave = TestActivities.Join();
        leave.MembersAdded = null;
        leave.MembersRemoved = [new ChannelAccount(TestActivities.UserId)];

        var replies = await bot.SendAsync(leave);
        await bot.SendAsync(TestActivities.Join());

        Assert.Empty(replies);
        var subject = Assert.Single(desk.ErasuresScheduled);
        Assert.Equal(new DataSubject("test", TestActivities.UserId, "conversation-1"), subject);
        Assert.Equal(subject, Assert.Single(desk.ErasuresCalledOff));
    }

    [Fact]
    public async Task OnTurn_NoPersonalDataDeskRegistered_SaysWhereToAskInstead()
    {
        using var bot = TestBot.CreateWithFlows();

        var shown = await bot.SayAsync("我的信息");
        await bot.SayAsync("删除我的信息");
        var erased = await bot.SayAsync("是");

        var expected = string.Format(CultureInfo.CurrentCulture, Texts.MyDataUnavailable, "12345");
        Assert.Equal(expected, shown[^1].Shown());
        Assert.Equal(expected, erased[0].Shown());
    }

    [Fact]
    public async Task OnTurn_Flooding_OneNoticeThenSilenceButEmergenciesStillAnswered()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
        using var bot = CreateBot(new FakePersonalDataDesk(), new() { ["Safety:FloodLimitPerMinute"] = "5" }, clock);
        for (var i = 0; i < 5; i++)
        {
            Assert.NotEmpty(await bot.SayAsync("你好"));
        }

        var notice = await bot.SayAsync("你好");
        var silent = await bot.SayAsync("你好");
        var emergency = await bot.SayAsync("救命 有人拿刀砍人");
        clock.Advance(TimeSpan.FromMinutes(1));
        var later = await bot.SayAsync("你好");

        Assert.Equal(Texts.SafetyFlood, Assert.Single(notice).Shown());
        Assert.Empty(silent);
        Assert.StartsWith("请立即拨打110", emergency[0].Shown(), StringComparison.Ordinal);
        Assert.NotEmpty(later);
        Assert.NotEqual(Texts.SafetyFlood, later[0].Shown());
    }

    [Fact]
    public async Task OnTurn_ResumeLongAfterTheEmergency_IsNotUnderstoodAsResume()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
        using var bot = CreateBot(new FakePersonalDataDesk(), clock: clock);
        await bot.SayAsync("预约调解");
        await bot.SayAsync("有人落水了");

        clock.Advance(TimeSpan.FromDays(2));
        var replies = await bot.SayAsync("继续");

        Assert.DoesNotContain(replies, r => r.Shown().Contains("我们接着办", StringComparison.Ordinal));
        Assert.Empty(bot.State.Stack);
    }

    [Fact]
    public async Task OnTurn_AnElderCollapsed_GivesTheNumbersAndWhatToDoForSomeoneDown()
    {
        using var bot = CreateBot(new FakePersonalDataDesk());

        var replies = await bot.SayAsync("楼下有个老人晕倒了，叫不醒");

        var first = replies[0].Shown();
        Assert.StartsWith("请立即拨打", first, StringComparison.Ordinal);
        Assert.Contains("120", first, StringComparison.Ordinal);
        Assert.Contains("不要随意搬动", first, StringComparison.Ordinal);
    }

    // At the address question an unsure alarm of the models alone names the numbers in one line and takes the address
    // (08-bare-answers-that-sound-like-alarms.transcript); an unsure reading of self-harm names the crisis hotline too.
    [Fact]
    public async Task OnTurn_SelfHarmReadUnsureAtTheAddressQuestion_NamesTheCrisisHotlineAndTakesTheAddress()
    {
        using var bot = CreateBot(new FakePersonalDataDesk());
        await bot.SayAsync("事件上报");
        await bot.SayAsync("1");
        await bot.SayAsync("跳过");

        var replies = await bot.SayAsync("崖下组，过了小卖部往里走");

        Assert.StartsWith("如果您或身边的人有伤害自己的想法，可以随时拨打心理援助热线", replies[0].Shown(), StringComparison.Ordinal);
        Assert.Contains(replies, r => r.Shown().StartsWith("请简单描述一下问题", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("继续刚才的事项")]
    [InlineData("我姓李，有事打我手机")]
    [InlineData("有事打我电话")]
    [InlineData("打了120了")]
    [InlineData("122打了")]
    [InlineData("我刚才说过了")]
    public async Task OnTurn_TheBotsOwnResumeButtonOrAnEverydayPhrase_IsNoAlarm(string text)
    {
        using var bot = CreateBot(new FakePersonalDataDesk());

        var replies = await bot.SayAsync(text);

        Assert.DoesNotContain(replies, r => r.Shown().Contains("请立即拨打", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnTurn_HelpNotComeYet_IsAnsweredAboutTheEmergencyOnlyForAWhile()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
        using var bot = CreateBot(new FakePersonalDataDesk(), clock: clock);
        await bot.SayAsync("公交站有个老人突然倒地上了 叫他没反应");

        var soon = await bot.SayAsync("救护车还没到");
        var aboutSomethingElse = await bot.SayAsync("小区门口的路灯坏了多久了都没人修");
        clock.Advance(CitizenBot.Dialogs.Safety.EmergencyFollowUp.Window + TimeSpan.FromMinutes(1));
        var later = await bot.SayAsync("救护车还没到");

        Assert.Contains(soon, r => r.Shown().Contains("救援人员正在赶来", StringComparison.Ordinal));
        Assert.DoesNotContain(later, r => r.Shown().Contains("救援人员正在赶来", StringComparison.Ordinal));
        Assert.DoesNotContain(aboutSomethingElse, r => r.Shown().Contains("救援人员正在赶来", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("继续", true)]
    [InlineData("好 继续约调解", true)]
    [InlineData("那继续吧", true)]
    [InlineData("好的谢谢", false)]
    [InlineData("继续上次说的那个井盖的事情还没修好", false)]
    public void IsResumeCommand_AResumeWordAfterAShortYesToo(string text, bool resumes) =>
        Assert.Equal(resumes, CitizenBot.Dialogs.Safety.ParkedFlow.IsResumeCommand(ChineseText.ToMatchKey(text)));

    [Fact]
    public void Advice_EveryEmergencyKind_HasItsLineAndLabels()
    {
        var detector = new EmergencyDetector();
        foreach (var kind in Enum.GetValues<EmergencyKind>())
        {
            Assert.False(string.IsNullOrWhiteSpace(Texts.ResourceManager.GetString("EmergencyAdvice" + kind, CultureInfo.CurrentCulture)), $"No EmergencyAdvice{kind} text.");
            var rule = Assert.Single(detector.Rules, r => r.Kind == kind);
            Assert.All(rule.Numbers, n => Assert.NotNull(Texts.ResourceManager.GetString("EmergencyLabel" + n, CultureInfo.CurrentCulture)));
        }
    }

    private static TestBot CreateBot(IPersonalDataDesk desk, Dictionary<string, string?>? settings = null, TimeProvider? clock = null) =>
        TestBot.CreateWithFlows(
            services =>
            {
                services.AddSingleton(desk);
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }
            },
            settings);
}
