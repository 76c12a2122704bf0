using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CitizenBot.Bot.Ticketing.Geo;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Bot.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CitizenBot.Bot.Tests.Insight;

/// <summary>
/// The staff console in Chromium over SAMPLE data: the grid map and ticket dots, filters that change the counts, a
/// hotspot formed by three reports, the CSV export, the digest page.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsolePageTests : IAsyncLifetime
{
    private const float Timeout = 30_000;

    private BotServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        _server = new BotServer();
        _browser = await BrowserSession.LaunchAsync();
        await _server.Services.GetRequiredService<TicketSeeder>().SeedAsync(600, days: 30, randomSeed: 7, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Console_DrawsGridsAndTickets_FiltersChangeCounts_ShowsANewHotspot_ExportsCsv()
    {
        var http = _server.CreateHttpClient();
        var page = await OpenAsync();

        var grids = _server.Services.GetRequiredService<GridMap>().Count;
        Assert.Equal(grids, await page.Locator("path.grid-area").CountAsync());
        var shown = await http.GetFromJsonAsync<JsonElement>("/ops/insight/tickets?limit=3000");
        var located = shown.GetProperty("tickets").EnumerateArray().Count(t => t.GetProperty("lat").ValueKind == JsonValueKind.Number);
        Assert.True(located > 0);
        Assert.Equal(located, await page.Locator("path.ticket-dot").CountAsync());
        var total = shown.GetProperty("total").GetInt32();
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#total").TextContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(_server.DataDirectory, "console-overview.png"), FullPage = true });

        // A filter: only 机动车乱停放 reported by grid workers.
        var expected = (await http.GetFromJsonAsync<JsonElement>("/ops/insight/tickets?category=04-04&role=grid_worker")).GetProperty("total").GetInt32();
        Assert.NotEqual(total, expected);
        await page.SelectOptionAsync("#f-category", "04-04");
        await page.SelectOptionAsync("#f-role", "grid_worker");
        await WaitLoadedAsync(page);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#total").TextContentAsync());
        await page.SelectOptionAsync("#f-category", "");
        await page.SelectOptionAsync("#f-role", "");
        await WaitLoadedAsync(page);

        // Three reports of a new category within 200 m today form a hotspot; the page shows it on reload.
        var watch = _server.Services.GetRequiredService<HotspotWatch>();
        var now = DateTimeOffset.UtcNow;
        var reports = new[] { (0.0, 0.0), (100.0, 0.0), (0.0, 120.0) }.Select((m, i) =>
        {
            var (lat, lng) = InsightTestData.Offset(m.Item1 + 2000, m.Item2 + 2000);
            return InsightTestData.Ticket(now.AddMinutes(-30 + i), "06-03", "劳资纠纷/欠薪", lat: lat, lng: lng);
        }).ToList();
        string? formed = null;
        foreach (var report in reports)
        {
            await InsightTestData.AddAsync(_server, report);
            formed ??= await watch.CheckOnceAsync(report.Id, CancellationToken.None);
        }

        Assert.NotNull(formed);
        await page.ReloadAsync();
        await WaitLoadedAsync(page);
        var first = page.Locator("#hotspots li").First;
        Assert.Contains("劳资纠纷/欠薪", await first.TextContentAsync(), StringComparison.Ordinal);
        foreach (var report in reports)
        {
            Assert.Contains(report.Number, await first.TextContentAsync(), StringComparison.Ordinal);
        }

        await first.ClickAsync();
        await page.WaitForTimeoutAsync(1000);
        await page.ScreenshotAsync(new() { Path = Path.Combine(_server.DataDirectory, "console-hotspot.png") });

        // The CSV of the list as filtered: a header and one line per ticket.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-tickets"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("工单编号", lines[0], StringComparison.Ordinal);
        Assert.Equal(total + reports.Count + 1, lines.Length);

        // The digest page.
        await page.ClickAsync("a[data-tab=digest]");
        await page.Locator("#digest-body h1").WaitForAsync(new() { Timeout = Timeout });
        Assert.StartsWith("研判日报", await page.Locator("#digest-body h1").TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(_server.DataDirectory, "console-digest.png"), FullPage = true });
    }

    private async Task<IPage> OpenAsync()
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.BaseAddress, "/ops/console").ToString());
        await WaitLoadedAsync(page);
        return page;
    }

    private static async Task WaitLoadedAsync(IPage page)
    {
        await page.WaitForFunctionAsync("document.body.dataset.loaded === 'false' || document.body.dataset.loaded === 'true'", null, new() { Timeout = Timeout });
        await page.WaitForFunctionAsync("document.body.dataset.loaded === 'true'", null, new() { Timeout = Timeout });
        Assert.Equal("", await page.Locator("#status-line").TextContentAsync());
    }
}
