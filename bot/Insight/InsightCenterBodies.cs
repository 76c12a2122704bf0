using System.Globalization;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Insight;

/// <summary>Bodies of <c>POST /hotspots</c> and <c>POST /digests</c>, rebuilt from the database at each push (like a ticket's).</summary>
internal sealed class InsightCenterBodies(IDbContextFactory<CitizenBotDbContext> databases, DigestBuilder digests) : ICenterReportBodies
{
    public async Task<CenterHotspot> HotspotAsync(string hotspotId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hotspot = await db.Hotspots.AsNoTracking().SingleAsync(h => h.Id == hotspotId, cancellationToken).ConfigureAwait(false);
        var tickets = await db.HotspotTickets.AsNoTracking().Where(m => m.HotspotId == hotspotId)
            .Join(db.Tickets, m => m.TicketId, t => t.Id, (m, t) => new { t.Id, t.Number, t.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new CenterHotspot(
            hotspot.Id,
            new CenterCategory(hotspot.CategoryCode, hotspot.CategoryName),
            hotspot.Latitude,
            hotspot.Longitude,
            hotspot.GridId,
            hotspot.GridName,
            hotspot.FormedAt,
            tickets.Count,
            tickets.OrderBy(t => t.CreatedAt).Select(t => new CenterHotspotTicket(t.Id, t.Number, t.CreatedAt)).ToList());
    }

    public async Task<CenterDigest> DigestAsync(string day, CancellationToken cancellationToken)
    {
        var report = await digests.BuildAsync(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return new CenterDigest(report.Day, report.Tickets, report.Resolved, report.Rated, report.SatisfactionRate, report.NewHotspots.Count, report.OverdueCount,
            DigestBuilder.Markdown(report));
    }
}
