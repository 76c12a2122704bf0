using System.Text.Json.Nodes;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Bot.Tests.WeChat;
using CitizenBot.Testing.WeChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Tests.Insight;

/// <summary>
/// Staff members hear of a new hotspot and of the daily digest by WeChat template message (a stand-in for the WeChat
/// API on loopback): each configured openid once, with counts, categories and grids and nothing about a citizen.
/// </summary>
public sealed class StaffAlertTests : IAsyncLifetime
{
    private const string StaffA = "oStaffAAAA00000000000000001";
    private const string StaffB = "oStaffBBBB00000000000000002";

    private FakeWeChatApi _api = null!;
    private BotServer _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWeChatApi.StartAsync();
        var settings = WeChatCitizen.Settings(_api.BaseUrl);
        settings["Insight:StaffAlerts:OpenIds:0"] = StaffA;
        settings["Insight:StaffAlerts:OpenIds:1"] = StaffB;
        settings["Insight:StaffAlerts:HotspotTemplateId"] = "tpl-hotspot";
        settings["Insight:StaffAlerts:DigestTemplateId"] = "tpl-digest";
        _server = new BotServer(settings: settings);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task NewHotspot_ReachesEveryStaffMemberOnce_WithoutTheCitizensDetails()
    {
        await FormHotspotAsync();

        var messages = await WaitForTemplatesAsync(2);

        Assert.Equal(new[] { StaffA, StaffB }, messages.Select(m => (string?)m["touser"]).Order(StringComparer.Ordinal).ToArray());
        Assert.All(messages, m => Assert.Equal("tpl-hotspot", (string?)m["template_id"]));
        var data = messages[0]["data"]!;
        Assert.Equal("新热点：市容环境", (string?)data["first"]?["value"]);
        Assert.Equal("青松社区第1网格", (string?)data["keyword2"]?["value"]);
        Assert.StartsWith("3 件", (string?)data["keyword3"]?["value"], StringComparison.Ordinal);
        var text = string.Join('\n', messages.Select(m => m.ToJsonString()));
        Assert.DoesNotContain("欧阳娜娜", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("test-user-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("测试", text, StringComparison.Ordinal);
        await JobsIdle.WaitAsync(_server.Services);
        Assert.Equal(2, _api.TemplateMessages.Count);
    }

    [Fact]
    public async Task DailyDigest_ReachesEveryStaffMemberOnce_EvenIfMadeAgain()
    {
        var yesterday = InsightFilter.DayOf(DateTimeOffset.UtcNow).AddDays(-1);
        var at = InsightFilter.StartOf(yesterday).AddHours(9);
        await InsightTestData.AddAsync(_server, InsightTestData.Ticket(at), InsightTestData.Ticket(at.AddHours(1), urgency: Urgency.Urgent));
        var job = _server.Services.GetRequiredService<DigestJob>();

        await job.WriteAsync(yesterday, CancellationToken.None);
        var messages = await WaitForTemplatesAsync(2);
        await job.WriteAsync(yesterday, CancellationToken.None);
        await JobsIdle.WaitAsync(_server.Services);

        Assert.Equal(2, _api.TemplateMessages.Count);
        Assert.All(messages, m => Assert.Equal("tpl-digest", (string?)m["template_id"]));
        Assert.Equal($"研判日报 {InsightQueries.DayText(yesterday)}", (string?)messages[0]["data"]?["first"]?["value"]);
        Assert.Equal("新增上报 2 件（紧急 1 件）", (string?)messages[0]["data"]?["keyword1"]?["value"]);
    }

    [Fact]
    public async Task ExpiredToken_IsRefreshedAndTheMessageSentOnce()
    {
        _api.RejectedTokens["token-1"] = true;

        await FormHotspotAsync();
        var messages = await WaitForTemplatesAsync(2);

        Assert.True(_api.TokenRequests >= 2);
        Assert.Equal(2, messages.Select(m => (string?)m["touser"]).Distinct().Count());
        // A row is marked sent once the platform has answered, a moment after the fake received the message.
        var rows = await InsightTestData.EventuallyAsync(async () =>
        {
            var all = await AlertsAsync();
            return all.Count == 2 && all.All(r => r.SentAt is not null) ? all : null;
        });
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
    }

    [Fact]
    public async Task StaffMemberWhoUnfollowed_IsSkippedForGood_OthersStillGetIt()
    {
        _api.TemplateErrorCodes[StaffB] = 43004;

        await FormHotspotAsync();
        var messages = await WaitForTemplatesAsync(1);
        var skipped = await InsightTestData.EventuallyAsync(async () => (await AlertsAsync()).SingleOrDefault(r => r.OpenId == StaffB && r.SkippedAt != null));

        Assert.Equal(StaffA, (string?)Assert.Single(messages)["touser"]);
        Assert.Equal("errcode 43004", skipped.LastError);
        Assert.Equal(1, skipped.Attempts);
        // Skipped rows are not swept up again.
        await SweepWithEveryAlertDueAsync();
        Assert.Equal(1, (await AlertsAsync()).Single(r => r.OpenId == StaffB).Attempts);
    }

    [Fact]
    public async Task PlatformUnreachable_MessageIsKeptAndSentByTheSweep()
    {
        _api.TemplateUnavailable = true;

        await FormHotspotAsync();
        var failed = await InsightTestData.EventuallyAsync(async () =>
        {
            var rows = await AlertsAsync();
            return rows.Count == 2 && rows.All(r => r.Attempts >= 1 && r.LastError is not null && r.LockedUntil is null) ? rows : null;
        });
        Assert.All(failed, r => Assert.Null(r.SentAt));
        Assert.Empty(_api.TemplateMessages);

        _api.TemplateUnavailable = false;
        await SweepWithEveryAlertDueAsync();
        var messages = await WaitForTemplatesAsync(2);

        Assert.Equal(2, messages.Select(m => (string?)m["touser"]).Distinct().Count());
        await InsightTestData.EventuallyAsync(async () => (await AlertsAsync()).All(r => r.SentAt is not null) ? "sent" : null);
    }

    private async Task FormHotspotAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var watch = _server.Services.GetRequiredService<HotspotWatch>();
        string? formed = null;
        for (var i = 0; i < 3; i++)
        {
            var ticket = InsightTestData.Ticket(now.AddHours(-3 + i), name: "欧阳娜娜", phone: "13912345678");
            await InsightTestData.AddAsync(_server, ticket);
            formed ??= await watch.CheckOnceAsync(ticket.Id, CancellationToken.None);
        }

        Assert.NotNull(formed);
    }

    private async Task<IReadOnlyList<JsonObject>> WaitForTemplatesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_api.TemplateMessages.Count < count)
        {
            await Task.Delay(50, timeout.Token);
        }

        return _api.TemplateMessages;
    }

    private async Task<List<StaffAlertRecord>> AlertsAsync()
    {
        await using var db = await _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        return await db.StaffAlerts.AsNoTracking().ToListAsync();
    }

    /// <summary>As if the retry job were lost: the row is due, and the sweep queues it.</summary>
    private async Task SweepWithEveryAlertDueAsync()
    {
        await using (var db = await _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync())
        {
            var past = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.StaffAlerts.ExecuteUpdateAsync(s => s.SetProperty(a => a.DueAt, past));
        }

        await _server.Services.GetRequiredService<InsightSweep>().SweepAsync(CancellationToken.None);
    }
}

/// <summary>Without <c>Insight:StaffAlerts</c>, nothing is written or sent.</summary>
public sealed class StaffAlertsOffTests : IAsyncLifetime
{
    private BotServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new BotServer(settings: new Dictionary<string, string?> { ["Insight:StaffAlerts:OpenIds:0"] = "oStaffAAAA00000000000000001" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OpenIdsWithoutTemplateIds_SendNothing()
    {
        var now = DateTimeOffset.UtcNow;
        var watch = _server.Services.GetRequiredService<HotspotWatch>();
        string? formed = null;
        for (var i = 0; i < 3; i++)
        {
            var ticket = InsightTestData.Ticket(now.AddHours(-3 + i));
            await InsightTestData.AddAsync(_server, ticket);
            formed ??= await watch.CheckOnceAsync(ticket.Id, CancellationToken.None);
        }

        await _server.Services.GetRequiredService<DigestJob>().WriteAsync(InsightFilter.DayOf(now), CancellationToken.None);

        Assert.NotNull(formed);
        await using var db = await _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.StaffAlerts.CountAsync());
    }
}
