using System.Data.Common;
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
        catch (Exception ex) when (ex is DbUpdateException or DbException)
        {
            // Two reports nearby at the same instant both claimed a ticket (unique per ticket): look again, now seeing the other's hotspot.
            await CheckOnceAsync(ticketId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A report to check, and whether it already belongs to a hotspot.</summary>
    private sealed record ReportToCheck(
        string Number, string CategoryCode, string CategoryName, double? Latitude, double? Longitude,
        string? GridId, string? GridName, DateTimeOffset CreatedAt, bool Claimed);

    private sealed record Place(string Id, double Latitude, double Longitude);

    // Every report with a position is checked once; compiled once, EF skips building and looking up these queries each time.
    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string, CancellationToken, Task<ReportToCheck?>>> ReportById = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string id, CancellationToken cancellationToken) =>
            db.Tickets.AsNoTracking()
                .Where(t => t.Id == id)
                .Select(t => new ReportToCheck(t.Number, t.CategoryCode, t.CategoryName, t.LatitudeWgs84, t.LongitudeWgs84,
                    t.GridId, t.GridName, t.CreatedAt, db.HotspotTickets.Any(m => m.TicketId == t.Id)))
                .SingleOrDefault()));

    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string, DateTimeOffset, IAsyncEnumerable<Place>>> LiveHotspots = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string category, DateTimeOffset since) =>
            db.Hotspots.AsNoTracking()
                .Where(h => h.CategoryCode == category && h.LastReportAt >= since)
                .Select(h => new Place(h.Id, h.Latitude, h.Longitude))));

    // The neighbours are every unclaimed report of the category in a band across the map for the window, a read that
    // grows with the tickets (at a busy spot, thousands of rows for each new report).
    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string, double, double, DateTimeOffset, DateTimeOffset, string, IAsyncEnumerable<Place>>> UnclaimedInBand = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string category, double latMin, double latMax, DateTimeOffset since, DateTimeOffset until, string reportId) =>
            db.Tickets.AsNoTracking()
                .Where(t => t.CategoryCode == category && t.LatitudeWgs84 >= latMin && t.LatitudeWgs84 <= latMax
                    && t.CreatedAt >= since && t.CreatedAt <= until && t.Id != reportId && t.LongitudeWgs84 != null
                    && !db.HotspotTickets.Any(m => m.TicketId == t.Id))
                .Select(t => new Place(t.Id, t.LatitudeWgs84!.Value, t.LongitudeWgs84!.Value))));

    /// <returns>The id of the hotspot formed, or null.</returns>
    internal async Task<string?> CheckOnceAsync(string ticketId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var rule = HotspotRule.From(settings);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var report = await ReportById.For(db)(db, ticketId, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return null;
        }

        if (report.Latitude is not { } lat || report.Longitude is not { } lng || report.Claimed)
        {
            await MarkCheckedAsync(ticketId, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var at = new GeoPoint(lat, lng);
        var since = report.CreatedAt - rule.Window;
        var code = report.CategoryCode;
        var live = await LiveHotspots.For(db)(db, code, since).ToListAsync(cancellationToken).ConfigureAwait(false);
        // A report near a live hotspot joins it whatever its neighbours, so they are read only when there is none to join.
        if (rule.HotspotToJoin(at, live.Select(h => (h.Id, new GeoPoint(h.Latitude, h.Longitude)))) is { } joined)
        {
            await commits.WriteAsync((w, ct) => JoinAsync(w, joined, ticketId, report.CreatedAt, ct), cancellationToken).ConfigureAwait(false);
            return null;
        }

        var neighbours = await UnclaimedInBand.For(db)(db, code, lat - rule.LatitudeBand, lat + rule.LatitudeBand, since, report.CreatedAt, ticketId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var decision = rule.DecideWithout(at, neighbours.Select(n => (n.Id, new GeoPoint(n.Latitude, n.Longitude))));
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
    /// The hotspot formed and the report marked checked, in one transaction: one commit (one fsync on SQLite)
    /// rather than two, and no moment where the report is a member but still looks unchecked.
    /// </summary>
    private Task SaveAndMarkCheckedAsync(CitizenBotDbContext db, string ticketId, CancellationToken cancellationToken) =>
        commits.SaveChangesAsync(db, cancellationToken, (w, ct) => MarkAsync(w, ticketId, ct));

    /// <summary>A report that joins or forms nothing is marked checked on its own; the sweep then leaves it alone.</summary>
    private Task MarkCheckedAsync(string ticketId, CancellationToken cancellationToken) =>
        commits.WriteAsync((w, ct) => MarkAsync(w, ticketId, ct), cancellationToken);

    private Task MarkAsync(CitizenBotDbContext db, string ticketId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""UPDATE tickets SET "HotspotCheckedAt" = {time.GetUtcNow().ToUnixTimeMilliseconds()} WHERE "Id" = {ticketId}""",
            cancellationToken);

    /// <summary>
    /// The report joins the hotspot and is marked checked, in one statement batch of the write's transaction. The count
    /// is added to in the database, so reports joining at once are all counted. Times are stored as Unix milliseconds
    /// (<see cref="CitizenBotDbContext"/>).
    /// </summary>
    private Task JoinAsync(CitizenBotDbContext db, string hotspotId, string ticketId, DateTimeOffset reportedAt, CancellationToken cancellationToken)
    {
        var reported = reportedAt.ToUnixTimeMilliseconds();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO hotspot_tickets ("HotspotId", "TicketId") VALUES ({hotspotId}, {ticketId});
            UPDATE hotspots SET "TicketCount" = "TicketCount" + 1,
                "LastReportAt" = CASE WHEN "LastReportAt" > {reported} THEN "LastReportAt" ELSE {reported} END
                WHERE "Id" = {hotspotId};
            UPDATE tickets SET "HotspotCheckedAt" = {now} WHERE "Id" = {ticketId};
            """, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hotspot formed: {Category} in grid {Grid}, {Count} reports, completed by ticket {Number}")]
    private static partial void LogFormed(ILogger logger, string category, string grid, int count, string number);
}
