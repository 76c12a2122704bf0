using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// Looks at each new report with a position once it is saved (in the job that pushes it, <see cref="NewTicketsJob"/>): it joins a live hotspot nearby or forms a new
/// one, which is written with its outbox row and its staff alerts in one transaction, pushed to the center
/// (<c>POST /hotspots</c>) and sent to staff (<see cref="StaffAlerts"/>). A report is marked checked
/// (<c>HotspotCheckedAt</c>); one whose check was lost is found by <see cref="InsightSweep"/>.
/// </summary>
internal sealed partial class HotspotWatch(
    IDbContextFactory<CitizenBotDbContext> databases,
    CenterDispatcher dispatcher,
    StaffAlerts staffAlerts,
    IOptions<InsightOptions> options,
    TimeProvider time,
    GroupCommit commits,
    ILogger<HotspotWatch> logger) : IPlacedTicketWatch
{
    public async Task CheckAsync(string ticketId, CancellationToken cancellationToken)
    {
        try
        {
            await CheckOnceAsync(ticketId, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two reports nearby at the same instant both claimed a ticket (unique per ticket): look again, now seeing the other's hotspot.
            await CheckOnceAsync(ticketId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <returns>The id of the hotspot formed, or null.</returns>
    internal async Task<string?> CheckOnceAsync(string ticketId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var rule = HotspotRule.From(settings);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var report = await db.Tickets.AsNoTracking()
            .Where(t => t.Id == ticketId)
            .Select(t => new { t.Id, t.Number, t.CategoryCode, t.CategoryName, t.LatitudeWgs84, t.LongitudeWgs84, t.GridId, t.GridName, t.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return null;
        }

        if (report.LatitudeWgs84 is not { } lat || report.LongitudeWgs84 is not { } lng
            || await db.HotspotTickets.AnyAsync(m => m.TicketId == ticketId, cancellationToken).ConfigureAwait(false))
        {
            await MarkCheckedAsync(ticketId, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var at = new GeoPoint(lat, lng);
        var since = report.CreatedAt - rule.Window;
        var code = report.CategoryCode;
        var live = await db.Hotspots
            .Where(h => h.CategoryCode == code && h.LastReportAt >= since)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // A report near a live hotspot joins it whatever its neighbours, so they are read only when there is none to join:
        // the neighbours are every unclaimed report of the category in a band across the map for the window, a read that
        // grows with the tickets (at a busy spot, thousands of rows for each new report).
        if (rule.HotspotToJoin(at, live.Select(h => (h.Id, new GeoPoint(h.Latitude, h.Longitude)))) is { } joined)
        {
            var hotspot = live.Single(h => h.Id == joined);
            db.HotspotTickets.Add(new HotspotTicketRecord { HotspotId = hotspot.Id, TicketId = ticketId });
            hotspot.TicketCount++;
            hotspot.LastReportAt = hotspot.LastReportAt > report.CreatedAt ? hotspot.LastReportAt : report.CreatedAt;
            await SaveAndMarkCheckedAsync(db, ticketId, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var (latMin, latMax) = (lat - rule.LatitudeBand, lat + rule.LatitudeBand);
        var until = report.CreatedAt;
        var neighbours = await db.Tickets.AsNoTracking()
            .Where(t => t.CategoryCode == code && t.LatitudeWgs84 >= latMin && t.LatitudeWgs84 <= latMax
                && t.CreatedAt >= since && t.CreatedAt <= until && t.Id != ticketId && t.LongitudeWgs84 != null
                && !db.HotspotTickets.Any(m => m.TicketId == t.Id))
            .Select(t => new { t.Id, t.LatitudeWgs84, t.LongitudeWgs84 })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var decision = rule.DecideWithout(at, neighbours.Select(n => (n.Id, new GeoPoint(n.LatitudeWgs84!.Value, n.LongitudeWgs84!.Value))));
        if (!decision.Forms)
        {
            await MarkCheckedAsync(ticketId, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var now = time.GetUtcNow();
        var formed = new HotspotRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            CategoryCode = code,
            CategoryName = report.CategoryName,
            Latitude = lat,
            Longitude = lng,
            GridId = report.GridId,
            GridName = report.GridName,
            FormedAt = report.CreatedAt,
            LastReportAt = report.CreatedAt,
            TicketCount = decision.NewMembers.Count + 1,
        };
        formed.Tickets.AddRange(decision.NewMembers.Append(ticketId).Select(id => new HotspotTicketRecord { HotspotId = formed.Id, TicketId = id }));
        db.Hotspots.Add(formed);
        if (settings.HotspotsToCenter)
        {
            db.Outbox.Add(new OutboxRecord { Key = new OutboxKey(ticketId, OutboxKinds.Hotspot, formed.Id), CreatedAt = now });
        }

        var alerts = staffAlerts.Add(db, StaffAlerts.HotspotKind, formed.Id, now);
        await SaveAndMarkCheckedAsync(db, ticketId, cancellationToken).ConfigureAwait(false);
        LogFormed(logger, formed.CategoryCode, formed.GridId ?? "-", formed.TicketCount, report.Number);
        if (settings.HotspotsToCenter)
        {
            dispatcher.EnqueuePending(new OutboxKey(ticketId, OutboxKinds.Hotspot, formed.Id), urgent: false);
        }

        staffAlerts.Enqueue(alerts.Select(a => a.Id));
        return formed.Id;
    }

    /// <summary>
    /// The hotspot joined or formed and the report marked checked, in one transaction: one commit (one fsync on SQLite)
    /// rather than two, and no moment where the report is a member but still looks unchecked.
    /// </summary>
    private Task SaveAndMarkCheckedAsync(CitizenBotDbContext db, string ticketId, CancellationToken cancellationToken) =>
        commits.SaveChangesAsync(db, cancellationToken, (w, ct) => MarkAsync(w, ticketId, ct));

    /// <summary>A report that joins or forms nothing is marked checked on its own; the sweep then leaves it alone.</summary>
    private Task MarkCheckedAsync(string ticketId, CancellationToken cancellationToken) =>
        commits.WriteAsync((w, ct) => MarkAsync(w, ticketId, ct), cancellationToken);

    private Task MarkAsync(CitizenBotDbContext db, string ticketId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.Tickets.Where(t => t.Id == ticketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.HotspotCheckedAt, now), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hotspot formed: {Category} in grid {Grid}, {Count} reports, completed by ticket {Number}")]
    private static partial void LogFormed(ILogger logger, string category, string grid, int count, string number);
}
