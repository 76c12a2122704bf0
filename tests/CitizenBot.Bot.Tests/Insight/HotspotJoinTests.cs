using CitizenBot.Bot.Data;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Bot.Tests.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CitizenBot.Bot.Tests.Insight;

/// <summary>
/// Reports near a live hotspot join it: each counted once, however many arrive at the same moment, and each marked
/// checked. On the embedded database here, on PostgreSQL below.
/// </summary>
public class HotspotJoinTests : IAsyncLifetime
{
    private BotServer _server = null!;

    public virtual Task InitializeAsync()
    {
        _server = new BotServer();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await _server.DisposeAsync();

    private protected void UseServer(BotServer server) => _server = server;

    [Fact]
    public async Task ReportsArrivingTogether_AllJoinTheHotspot_AndAreAllCounted()
    {
        var now = DateTimeOffset.UtcNow;
        var watch = _server.Services.GetRequiredService<HotspotWatch>();
        string? formed = null;
        foreach (var ticket in Enumerable.Range(0, 3).Select(i => InsightTestData.Ticket(now.AddHours(-10 + i))))
        {
            await InsightTestData.AddAsync(_server, ticket);
            formed ??= await watch.CheckOnceAsync(ticket.Id, CancellationToken.None);
        }

        Assert.NotNull(formed);
        var joining = Enumerable.Range(0, 8).Select(i => InsightTestData.Ticket(now.AddMinutes(-30 + i))).ToList();
        await InsightTestData.AddAsync(_server, [.. joining]);

        await Task.WhenAll(joining.Select(t => watch.CheckAsync(t.Id, CancellationToken.None)));

        await using var db = await CreateContextAsync();
        var hotspot = await db.Hotspots.AsNoTracking().SingleAsync();
        Assert.Equal(formed, hotspot.Id);
        Assert.Equal(11, hotspot.TicketCount);
        Assert.Equal(now.AddMinutes(-23).ToUnixTimeMilliseconds(), hotspot.LastReportAt.ToUnixTimeMilliseconds());
        Assert.Equal(11, await db.HotspotTickets.CountAsync(m => m.HotspotId == formed));
        var ids = joining.Select(t => t.Id).ToList();
        Assert.Equal(0, await db.Tickets.CountAsync(t => ids.Contains(t.Id) && t.HotspotCheckedAt == null));
    }

    [Fact]
    public async Task AReportCheckedTwiceAtOnce_JoinsOnce()
    {
        var now = DateTimeOffset.UtcNow;
        var watch = _server.Services.GetRequiredService<HotspotWatch>();
        foreach (var ticket in Enumerable.Range(0, 3).Select(i => InsightTestData.Ticket(now.AddHours(-10 + i))))
        {
            await InsightTestData.AddAsync(_server, ticket);
            await watch.CheckOnceAsync(ticket.Id, CancellationToken.None);
        }

        var late = InsightTestData.Ticket(now.AddMinutes(-5));
        await InsightTestData.AddAsync(_server, late);

        await Task.WhenAll(watch.CheckAsync(late.Id, CancellationToken.None), watch.CheckAsync(late.Id, CancellationToken.None));

        await using var db = await CreateContextAsync();
        Assert.Equal(4, (await db.Hotspots.AsNoTracking().SingleAsync()).TicketCount);
        Assert.Equal(1, await db.HotspotTickets.CountAsync(m => m.TicketId == late.Id));
    }

    private Task<CitizenBotDbContext> CreateContextAsync() =>
        _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
}

/// <summary>Needs the throwaway PostgreSQL and Redis of <c>tests/run-all.sh</c>.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresHotspotJoinTests : HotspotJoinTests
{
    public override async Task InitializeAsync() => UseServer(new BotServer(settings: await ScaledOutStorage.SettingsAsync()));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
