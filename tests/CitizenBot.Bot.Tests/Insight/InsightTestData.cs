using CitizenBot.Bot.Data;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Tests.Insight;

/// <summary>Tickets written straight into a test bot's database, as the report flow and the center's callbacks leave them.</summary>
internal static class InsightTestData
{
    /// <summary>Inside grid SAMPLE-001 (青松社区第1网格) of the sample map.</summary>
    public const double Lat = 30.003;
    public const double Lng = 120.005;

    private static int _sequence;

    public static TicketRecord Ticket(
        DateTimeOffset createdAt,
        string category = "01-02",
        string categoryName = "市容环境",
        TicketStatus status = TicketStatus.Submitted,
        double? lat = Lat,
        double? lng = Lng,
        string channel = "wechat",
        ReporterRole role = ReporterRole.Resident,
        Urgency urgency = Urgency.Normal,
        string? name = null,
        string? phone = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        var id = Guid.CreateVersion7(createdAt).ToString("N");
        var day = InsightFilter.DayOf(createdAt);
        var ticket = new TicketRecord
        {
            Id = id,
            Number = $"{day:yyyyMMdd}-T{n:D5}",
            ChannelId = channel,
            ReporterUserId = "test-user-" + n,
            ReporterConversationId = "test-conversation-" + n,
            ReporterRole = role,
            Anonymous = name is null,
            ContactName = name,
            ContactPhone = phone,
            Type = "complaint",
            CategoryCode = category,
            CategoryName = categoryName,
            Urgency = urgency,
            Latitude = lat,
            Longitude = lng,
            Crs = lat is null ? null : "WGS-84",
            LatitudeWgs84 = lat,
            LongitudeWgs84 = lng,
            GridId = lat is null ? null : "SAMPLE-001",
            GridName = lat is null ? null : "青松社区第1网格",
            Description = name is null ? "测试" : $"测试，我是{name}，电话{phone}",
            Status = status,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        ticket.History.Add(new TicketHistoryRecord { TicketId = id, Status = TicketStatus.Submitted, Actor = Actor.Citizen, At = createdAt });
        return ticket;
    }

    public static TicketRecord Resolved(this TicketRecord ticket, DateTimeOffset at, string unit = "城管执法中队")
    {
        ticket.Status = TicketStatus.Resolved;
        ticket.History.Add(new TicketHistoryRecord { TicketId = ticket.Id, Status = TicketStatus.Resolved, Actor = Actor.Center, Unit = unit, At = at });
        return ticket;
    }

    /// <remarks>
    /// Waits first for the bot's sweep at start: reports written hours back are the sweep's to check too, and a test that
    /// checks them itself must not race it.
    /// </remarks>
    public static async Task AddAsync(BotServer server, params object[] records)
    {
        await server.Services.GetRequiredService<InsightSweep>().FirstSweep;
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        db.AddRange(records);
        await db.SaveChangesAsync();
        // Written into past days, which the bot itself never does: the per-day rollup is counted again.
        await InsightDays.ForgetAsync(db, CancellationToken.None);
    }

    /// <summary>The same metre offsets the hotspot rule measures (equirectangular at this latitude).</summary>
    public static (double Lat, double Lng) Offset(double northMetres, double eastMetres) =>
        (Lat + northMetres / 111_320, Lng + eastMetres / (111_320 * Math.Cos(Lat * Math.PI / 180)));

    public static async Task<T> EventuallyAsync<T>(Func<T?> probe)
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

    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        T? value;
        while ((value = await probe()) is null)
        {
            await Task.Delay(100, timeout.Token);
        }

        return value;
    }
}
