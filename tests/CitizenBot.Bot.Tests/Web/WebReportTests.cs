using CitizenBot.Bot.Ticketing.Center.Simulator;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Bot.Tests.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CitizenBot.Bot.Tests.Web;

/// <summary>
/// The whole loop as a resident on the web page lives it: a blocked fire exit reported with a photo and the browser's
/// location, the receipt card with the ticket number and its answer time at once, the (simulated) center's 受理 /
/// 派单 / 办结 cards (the open question asked again after one), a 催办 refused too early and accepted once half the
/// time has passed, 没解决 → 重办 with a reason, the second 办结, and the rating of it reaching the center; then
/// 我的上报, a legal answer and an emergency, screenshotted for docs/journeys.md.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class WebReportTests : IAsyncLifetime
{
    private BotServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        // Steps 8 s apart: the question below is open before the 受理 arrives, and the 催办 after it is answered before
        // the 办结.
        _server = new BotServer(settings: new Dictionary<string, string?> { ["Center:SimulatorStepDelay"] = "00:00:08" });
        _browser = await BrowserSession.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Resident_ReportsBlockedFireExit_GetsNumberUpdatesAndRates()
    {
        // Inside the sample grid map (WGS-84, as browsers report it).
        var context = await _browser.NewContextAsync(new Geolocation { Latitude = 30.003f, Longitude = 120.005f });
        var chat = new WebChatDriver(await context.NewPageAsync());
        await chat.Page.GotoAsync(_server.BaseAddress.ToString());
        await chat.WaitForBotAsync("您好");
        var photo = Path.Combine(_server.DataDirectory, "fire-exit.jpg");
        await File.WriteAllBytesAsync(photo, TestImages.Jpeg(640, 480));

        // Everyday words: the category is understood and the words are the description.
        await chat.SayAsync("3号楼一楼消防通道停满电动车，人过不去");
        await chat.WaitForBotAsync("按“消防/安全隐患”为您上报");
        await chat.WaitForBotAsync("照片");
        await chat.SendPhotoAsync(photo);
        await chat.WaitForBotAsync("已收到1张照片");
        await chat.TapAsync("好了");
        await chat.WaitForBotAsync("问题在哪里");
        await chat.ShareLocationAsync();
        await chat.WaitForBotAsync("已定位");
        await chat.WaitForBotAsync("联系方式");
        await chat.TapAsync("匿名上报");
        var summary = await chat.WaitForBotAsync("确认提交");
        Assert.Contains("照片：1张", summary, StringComparison.Ordinal);
        await chat.TapAsync("是");
        var receipt = await chat.WaitForCardAsync("上报成功");
        var receiptText = await receipt.InnerTextAsync();
        var number = TicketNumber().Match(receiptText).Value;
        Assert.True(await Tour.ImagesLoadedAsync(receipt), "the receipt's photo thumbnail did not load");
        Assert.Contains("消防/安全隐患", receiptText, StringComparison.Ordinal);
        Assert.Contains("前答复", receiptText, StringComparison.Ordinal);
        await Tour.ShootAsync(chat.Page, "report-receipt");

        // A question is open when the center's first update arrives: after the update it is asked again, with buttons.
        await chat.SayAsync("事件上报");
        await chat.WaitForBotAsync("请选择要上报的问题类别");
        var beforeUpdate = await chat.BotBubbleCountAsync();
        await chat.WaitForCardAsync($"（编号 {number}）已被中心受理");
        var asked = await chat.WaitForNextBotAsync(beforeUpdate + 1);
        Assert.Contains("请选择要上报的问题类别", asked, StringComparison.Ordinal);
        Assert.Contains("市容环境", await chat.ButtonsAsync());
        await Tour.ShootAsync(chat.Page, "status-update");
        await chat.SayAsync("取消");
        await chat.WaitForBotAsync("已取消");

        // 催办 now: too early. Once half the answer time has passed (the ticket filed hours ago): accepted.
        await chat.SayAsync($"催一下{number}");
        await chat.WaitForBotAsync("过半以后才能催办");
        await BackdateAsync(number, TimeSpan.FromHours(3));
        await chat.SayAsync($"催一下{number}");
        await chat.WaitForBotAsync($"已为工单{number}催办");
        await chat.WaitForCardAsync("已收到催办");
        await chat.WaitForCardAsync($"（编号 {number}）已派单");
        var resolved = await chat.WaitForCardAsync($"（编号 {number}）已办结");
        Assert.Contains("处理过程", await resolved.InnerTextAsync(), StringComparison.Ordinal);

        // Not solved: 重办 with a reason; the center handles it again and the rating is asked after the second 办结.
        await chat.TapAsync($"重办 {number}");
        await chat.WaitForBotAsync("哪里还没解决");
        await chat.SayAsync("只清走了一半，还是过不去");
        await chat.WaitForBotAsync("现场照片");
        await chat.TapAsync("跳过");
        await chat.WaitForBotAsync($"已为工单{number}申请重办");
        await chat.WaitForCardAsync($"（编号 {number}）已重新交办");
        await chat.WaitForBotCountAsync($"（编号 {number}）已办结", 2);
        await chat.TapAsync($"评价 {number}");
        await chat.WaitForBotAsync("请评价工单");
        await chat.TapAsync("满意");
        await chat.WaitForBotAsync("解决了吗");
        await chat.TapAsync("是");
        await chat.WaitForBotAsync("还有什么想对我们说的");
        Assert.Contains("跳过", await chat.ButtonsAsync());
        await chat.SayAsync("处理得很快，谢谢");
        await chat.WaitForBotAsync("感谢您的评价");

        // 我的上报: the list card shows the 序号 it asks for and each ticket's status as a badge.
        await chat.SayAsync("我的上报");
        var mine = await chat.WaitForCardAsync("回复序号查看");
        Assert.Contains($"1、{number}", await mine.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已办结", await mine.InnerTextAsync(), StringComparison.Ordinal);
        await Tour.ShootAsync(chat.Page, "my-tickets");
        await chat.SayAsync("取消");
        await chat.WaitForBotAsync("已取消");

        // A legal answer: the answer first, each cited article opens where it is.
        await chat.SayAsync("老板拖欠工资不给怎么办");
        var answer = await chat.WaitForCardAsync("法律依据");
        var article = answer.GetByRole(AriaRole.Button).Filter(new() { HasText = "第" }).First;
        await article.ClickAsync();
        Assert.True(await answer.GetByText("“").First.IsVisibleAsync(), "the cited article's text did not open");
        await Tour.ShootAsync(chat.Page, "legal-answer");
        await chat.TapAsync("结束咨询");
        await chat.WaitForBotAsync("祝您顺利");

        // Hotline numbers in replies can be tapped to call.
        await chat.SayAsync("楼道里着火了，烟好大");
        await chat.WaitForBotAsync("请立即拨打119");
        Assert.Contains("tel:119", await chat.TranscriptLinksAsync());
        await Tour.ShootAsync(chat.Page, "emergency");

        var center = _server.Services.GetRequiredService<SimulatedCenterState>();
        var feedback = await EventuallyAsync(() => center.Feedback.Values.SingleOrDefault());
        Assert.Equal("satisfied", feedback.Satisfaction);
        Assert.True(feedback.Resolved);
        Assert.Equal(2, feedback.Round);
        Assert.Single(center.Reminders.Values);
        Assert.Equal("只清走了一半，还是过不去", Assert.Single(center.Reopens.Values).Reason);
        var ticket = Assert.Single(center.Received.Values);
        Assert.Equal(number, ticket.Number);
        Assert.Single(ticket.Photos);
    }

    /// <summary>The ticket as if filed <paramref name="ago"/> earlier: its answer time moves with it.</summary>
    private async Task BackdateAsync(string number, TimeSpan ago)
    {
        await using var db = await _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        var ticket = await db.Tickets.SingleAsync(t => t.Number == number);
        ticket.CreatedAt -= ago;
        ticket.DueAt -= ago;
        await db.SaveChangesAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{8}-\d{4}")]
    private static partial System.Text.RegularExpressions.Regex TicketNumber();

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        T? value;
        while ((value = probe()) is null)
        {
            await Task.Delay(100, timeout.Token);
        }

        return value;
    }
}
