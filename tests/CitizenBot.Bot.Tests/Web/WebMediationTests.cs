using CitizenBot.Bot.Tests.Hosting;

namespace CitizenBot.Bot.Tests.Web;

/// <summary>
/// 预约调解 as two residents live it: the applicant books a labour-dispute mediation on the web page and forwards the
/// invitation; the other party accepts it in their own browser; the reminders sit on the jobs dashboard; the join link
/// says plainly that the room is not open yet.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WebMediationTests : IAsyncLifetime
{
    private BotServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        // The first slot offered is the one booked: at least a day out, so both reminders (24 h and 1 h before) are
        // still ahead whatever the hour the test runs.
        _server = new BotServer(settings: new Dictionary<string, string?> { ["Mediation:MinimumLeadTime"] = "1.01:00:00" });
        _browser = await BrowserSession.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Applicant_BooksAndOtherPartyAccepts_RemindersScheduledAndJoinLinkNotOpenYet()
    {
        var applicant = new WebChatDriver(await (await _browser.NewContextAsync()).NewPageAsync());
        await applicant.Page.GotoAsync(_server.BaseAddress.ToString());
        await applicant.WaitForBotAsync("您好");

        await applicant.TapAsync("预约调解");
        await applicant.WaitForBotAsync("请先选择纠纷类型");
        await applicant.TapAsync("劳动争议");
        await applicant.WaitForBotAsync("请简要说明纠纷经过");
        await applicant.SayAsync("在鑫达厂打工三个月，老板拖欠工资8000元");
        await applicant.WaitForBotAsync("姓名");
        await applicant.SayAsync("张三");
        await applicant.WaitForBotAsync("请留下您的手机号");
        await applicant.SayAsync("13800138000");
        await applicant.WaitForBotAsync("对方当事人的姓名");
        await applicant.SayAsync("鑫达电子厂");
        await applicant.WaitForBotAsync("对方的手机号或微信号");
        await applicant.SayAsync("13900139000");
        await applicant.WaitForBotAsync("请选择调解组织");
        await applicant.Page.Locator(".webchat__suggested-actions__button").First.ClickAsync();
        await applicant.WaitForBotAsync("请选择视频调解的时间");
        await applicant.Page.Locator(".webchat__suggested-actions__button").First.ClickAsync();
        await applicant.WaitForBotAsync("您是否同意通过在线视频方式进行调解");
        await applicant.TapAsync("是");
        var booked = await applicant.WaitForCardAsync("调解预约成功");
        Assert.True(await Tour.ImagesLoadedAsync(booked), "the booking's QR code did not load as an image");
        foreach (var button in new[] { "转发邀请", "进入视频调解", "加入日历" })
        {
            Assert.True(await booked.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = button }).IsVisibleAsync(), button);
        }

        Assert.DoesNotMatch(@"https?://\S{33,}", await booked.InnerTextAsync());
        await Tour.ShootAsync(applicant.Page, "mediation-booking");

        // 转发邀请 opens the invitation the other party gets (the applicant forwards its address).
        var forwarded = await applicant.Page.Context.RunAndWaitForPageAsync(
            () => booked.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "转发邀请" }).ClickAsync());
        await forwarded.GetByText("邀请您参加在线视频调解").WaitForAsync();
        var invite = forwarded.Url;
        Assert.EndsWith("/invite", new Uri(invite).AbsolutePath, StringComparison.Ordinal);
        await forwarded.CloseAsync();

        // The other party, in their own browser, from the forwarded link.
        var otherParty = await (await _browser.NewContextAsync()).NewPageAsync();
        await otherParty.GotoAsync(invite);
        await otherParty.GetByText("邀请您参加在线视频调解").WaitForAsync();
        await otherParty.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "接受调解" }).ClickAsync();
        await otherParty.GetByText("您已接受调解邀请").WaitForAsync();
        await applicant.WaitForBotAsync("对方已接受调解邀请");

        // 进入视频调解 opens the room's page; before its window it explains itself instead of opening the room.
        var early = await applicant.Page.Context.RunAndWaitForPageAsync(
            () => booked.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "进入视频调解" }).ClickAsync());
        await early.GetByText("视频调解室尚未开放").WaitForAsync();
        Assert.EndsWith("/join", new Uri(early.Url).AbsolutePath, StringComparison.Ordinal);

        // Reminders 24 h and 1 h before, for both parties, wait on the jobs dashboard (loopback needs no login).
        var dashboard = await (await _browser.NewContextAsync()).NewPageAsync();
        await dashboard.GotoAsync(new Uri(_server.BaseAddress, "/ops/jobs/jobs/scheduled").ToString());
        Assert.Equal(2, await dashboard.GetByText("RemindAsync").CountAsync());
    }
}
