using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Bot.Tests.TestData;
using Microsoft.Playwright;

namespace CitizenBot.Bot.Tests.Web;

/// <summary>
/// The citizen's web page in a real browser: Microsoft's Web Chat bundle, served by the bot, talking to our Direct Line
/// server. What a resident sees, not what the server returns.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WebChatPageTests : IAsyncLifetime
{
    private const string Greeting = "您好！这里是县社会治理综合服务中心";
    private static readonly float Timeout = 30_000;

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
    public async Task Page_Opened_ShowsChineseWebChatAndTheBotGreets()
    {
        var page = await OpenAsync();

        await page.GetByText(Greeting).First.WaitForAsync(new() { Timeout = Timeout });

        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("键入消息", await SendBox(page).GetAttributeAsync("placeholder"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(_server.DataDirectory, "webchat-greeting.png") });
    }

    [Fact]
    public async Task SendBox_MessageTyped_BotRepliesInTheTranscript()
    {
        var page = await OpenAsync();
        await page.GetByText(Greeting).First.WaitForAsync(new() { Timeout = Timeout });

        await SendBox(page).FillAsync("帮助");
        await SendBox(page).PressAsync("Enter");

        await page.GetByText("“取消”结束办理").First.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.GetByText("发送失败").CountAsync());
    }

    [Fact]
    public async Task UploadButton_PhotoSent_AppearsInTheTranscriptAndTheBotAnswers()
    {
        var page = await OpenAsync();
        await page.GetByText(Greeting).First.WaitForAsync(new() { Timeout = Timeout });
        var photo = Path.Combine(_server.DataDirectory, "fire-exit.png");
        await File.WriteAllBytesAsync(photo, TestImages.Png());

        var upload = page.WaitForResponseAsync(r => r.Url.Contains("/upload", StringComparison.Ordinal), new() { Timeout = Timeout });
        await page.Locator("input[type=file]").SetInputFilesAsync(photo);
        await page.Locator(".webchat__attachment-icon--checked").WaitForAsync(new() { Timeout = Timeout });
        await page.GetByRole(AriaRole.Button, new() { Name = "发送", Exact = true }).ClickAsync();
        var response = await upload;

        Assert.Equal(200, response.Status);
        var userImage = page.Locator(".webchat__bubble--from-user img");
        await userImage.First.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator(".webchat__bubble:not(.webchat__bubble--from-user)").Nth(1).WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.GetByText("发送失败").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(_server.DataDirectory, "webchat-photo.png") });

        // The page's own requests for the photo (no Authorization header, as an <img> makes them) carry the
        // conversation's cookie and are served; the same URL from anywhere else is not.
        var photoUrl = await page.EvaluateAsync<string>("""
            async () => {
              const session = JSON.parse(sessionStorage.getItem('citizenbot.session'));
              const log = await (await fetch(`/v3/directline/conversations/${session.conversationId}/activities`,
                { headers: { Authorization: `Bearer ${session.token}` } })).json();
              return log.activities.flatMap(a => a.attachments || []).map(a => a.contentUrl)[0];
            }
            """);
        Assert.Equal(200, await page.EvaluateAsync<int>("async u => (await fetch(u)).status", photoUrl));
        using var anonymous = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync(photoUrl)).StatusCode);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task EraseMyData_Yes_PageStartsAFreshConversationThatSurvivesReload()
    {
        var page = await OpenAsync();
        await page.GetByText(Greeting).First.WaitForAsync(new() { Timeout = Timeout });
        await SendBox(page).FillAsync("我叫王五，电话13800138000");
        await SendBox(page).PressAsync("Enter");
        await SendBox(page).FillAsync("删除我的信息");
        await SendBox(page).PressAsync("Enter");
        await page.GetByText("确定删除吗").First.WaitForAsync(new() { Timeout = Timeout });
        await SendBox(page).FillAsync("是");
        await SendBox(page).PressAsync("Enter");

        await page.GetByText("您的信息已删除，已为您开始新的对话。").WaitForAsync(new() { Timeout = Timeout });
        await page.GetByText(Greeting).First.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.GetByText("13800138000").CountAsync());

        await page.ReloadAsync();
        await page.GetByText(Greeting).First.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.GetByText("13800138000").CountAsync());
        Assert.Equal(0, await page.GetByText("删除我的信息").CountAsync());
    }

    [Fact]
    public async Task LocationButton_Clicked_SendsTheBrowserPositionAsAMessage()
    {
        var page = await OpenAsync(new Geolocation { Latitude = 30.2741f, Longitude = 120.1551f });
        await page.GetByText(Greeting).First.WaitForAsync(new() { Timeout = Timeout });

        await page.GetByRole(AriaRole.Button, new() { Name = "发送我的位置" }).ClickAsync();

        await page.Locator(".webchat__bubble--from-user").GetByText("我的位置").First.WaitForAsync(new() { Timeout = Timeout });
    }

    private async Task<IPage> OpenAsync(Geolocation? location = null)
    {
        var context = await _browser.NewContextAsync(location);
        var page = await context.NewPageAsync();
        await page.GotoAsync(_server.BaseAddress.ToString());
        return page;
    }

    private static ILocator SendBox(IPage page) => page.Locator("[data-id='webchat-sendbox-input']");
}
