using Microsoft.Playwright;

namespace CitizenBot.Bot.Tests.Web;

/// <summary>Debian's Chromium, headless, driven by Playwright; no browser download (docs/testing.md, Browser tests).</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserSession> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run tests/run-all.sh, which installs Debian's chromium, or `apt-get install -y chromium`.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        return new BrowserSession(playwright, browser);
    }

    public Task<IBrowserContext> NewContextAsync(Geolocation? location = null) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        Locale = "zh-CN",
        Geolocation = location,
        Permissions = location is null ? [] : ["geolocation"],
        ViewportSize = new ViewportSize { Width = 480, Height = 900 },
    });

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
