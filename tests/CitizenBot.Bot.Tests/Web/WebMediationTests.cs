using System.Text.RegularExpressions;
using CitizenBot.Bot.Tests.Hosting;

namespace CitizenBot.Bot.Tests.Web;

/// <summary>
/// 预约调解 as two residents live it: the applicant books a labour-dispute mediation on the web page and forwards the
/// invitation; the other party accepts it in their own browser; the reminders sit on the jobs dashboard; the join link
/// says plainly that the room is not open yet.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class WebMediationTests : IAsyncLifetime
{
    private BotServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        _server = new BotServer();
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
        var booked = await applicant.WaitForBotAsync("预约成功");

        var invite = LinkEndingWith(booked, "/invite");
        var join = LinkEndingWith(booked, "/join");

        // The other party, in their own browser, from the forwarded link.
        var otherParty = await (await _browser.NewContextAsync()).NewPageAsync();
        await otherParty.GotoAsync(invite);
        await otherParty.GetByText("邀请您参加在线视频调解").WaitForAsync();
        await otherParty.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "接受调解" }).ClickAsync();
        await otherParty.GetByText("您已接受调解邀请").WaitForAsync();
        await applicant.WaitForBotAsync("对方已接受调解邀请");

        // Reminders 24 h and 1 h before, for both parties, wait on the jobs dashboard (loopback needs no login).
        var dashboard = await (await _browser.NewContextAsync()).NewPageAsync();
        await dashboard.GotoAsync(new Uri(_server.BaseAddress, "/ops/jobs/jobs/scheduled").ToString());
        Assert.Equal(2, await dashboard.GetByText("RemindAsync").CountAsync());

        // Outside the window the join link explains itself instead of opening the room.
        var early = await otherParty.Context.NewPageAsync();
        var response = await early.GotoAsync(join);
        Assert.Equal(200, response!.Status);
        await early.GetByText("视频调解室尚未开放").WaitForAsync();
    }

    private static string LinkEndingWith(string text, string path) =>
        Links().Matches(text).Select(m => m.Value).First(u => new Uri(u).AbsolutePath.EndsWith(path, StringComparison.Ordinal));

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
