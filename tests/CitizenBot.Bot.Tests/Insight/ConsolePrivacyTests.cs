using CitizenBot.Bot.Data;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Bot.Tests.WeChat;
using CitizenBot.Testing.WeChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Bot.Tests.Insight;

/// <summary>
/// No citizen's name, phone or openid anywhere in the console: every page, every list in JSON and CSV, every digest and
/// every template message to staff (a hotspot's, a digest's), searched for the made-up names and numbers of SAMPLE data
/// (the descriptions hold them too, as real ones often do).
/// </summary>
public sealed class ConsolePrivacyTests : IAsyncLifetime
{
    private FakeWeChatApi _api = null!;
    private BotServer _server = null!;
    private TicketSeeder.SeedResult _seeded = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWeChatApi.StartAsync();
        var settings = WeChatCitizen.Settings(_api.BaseUrl);
        settings["Insight:StaffAlerts:OpenIds:0"] = "oStaffAAAA00000000000000001";
        settings["Insight:StaffAlerts:HotspotTemplateId"] = "tpl-hotspot";
        settings["Insight:StaffAlerts:DigestTemplateId"] = "tpl-digest";
        _server = new BotServer(settings: settings);
        _seeded = await _server.Services.GetRequiredService<TicketSeeder>().SeedAsync(800, days: 20, randomSeed: 11, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task EveryConsolePageAndExport_HoldsNoSeededNameOrPhone()
    {
        Assert.True(_seeded.Names.Count > 100);
        Assert.True(_seeded.Phones.Count > 100);
        using var http = _server.CreateHttpClient();
        var today = InsightFilter.DayOf(DateTimeOffset.UtcNow);
        var range = $"from={InsightQueries.DayText(today.AddDays(-25))}&to={InsightQueries.DayText(today.AddDays(10))}";
        var paths = new List<string> { "/ops/console", "/ops/console/console.js", "/ops/insight/categories" };
        foreach (var list in new[] { "tickets", "heat", "hotspots", "overdue", "trends", "mediation" })
        {
            paths.Add(list == "tickets" ? $"/ops/insight/tickets?{range}&limit=50000" : $"/ops/insight/{list}?{range}");
            paths.Add($"/ops/insight/{list}?{range}&format=csv");
        }

        for (var day = today.AddDays(-21); day <= today; day = day.AddDays(1))
        {
            paths.Add($"/ops/insight/digest?day={InsightQueries.DayText(day)}");
            paths.Add($"/ops/insight/digest?day={InsightQueries.DayText(day)}&format=md");
        }

        var bodies = new List<string>();
        foreach (var path in paths)
        {
            var response = await http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, path);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        // The template messages: a digest of each day, and each seeded hotspot as if it had just formed.
        var expected = await AlertEveryHotspotAsync();
        for (var day = today.AddDays(-21); day <= today; day = day.AddDays(1))
        {
            await _server.Services.GetRequiredService<DigestJob>().WriteAsync(day, CancellationToken.None);
        }

        expected += 22;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (_api.TemplateMessages.Count < expected)
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        Assert.True(expected > 22);
        bodies.AddRange(_api.TemplateMessages.Select(m => m.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        var all = string.Join('\n', bodies);
        // Not vacuous: every seeded ticket was listed.
        Assert.Contains("\"total\":800", all, StringComparison.Ordinal);
        var leaked = _seeded.Names.Concat(_seeded.Phones).Where(value => all.Contains(value, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, "Personal data in the console: " + string.Join(", ", leaked));
        Assert.DoesNotContain("seed-", all, StringComparison.Ordinal);
    }

    private async Task<int> AlertEveryHotspotAsync()
    {
        await using var db = await _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        var alerts = _server.Services.GetRequiredService<StaffAlerts>();
        var ids = await db.Hotspots.Select(h => h.Id).ToListAsync();
        var rows = ids.SelectMany(id => alerts.Add(db, StaffAlerts.HotspotKind, id, DateTimeOffset.UtcNow)).ToList();
        await db.SaveChangesAsync();
        alerts.Enqueue(rows.Select(r => r.Id));
        return rows.Count;
    }
}
