using CitizenBot.Bot.Data;
using CitizenBot.Dialogs.GridWorker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.GridWorker;

/// <summary>Registered 流动网格员 and their points ledger.</summary>
internal sealed class GridWorkerRegistry(IDbContextFactory<CitizenBotDbContext> databases, IOptions<GridWorkerOptions> options, TimeProvider time)
    : IGridWorkerRegistry
{
    public const string AcceptedReason = "accepted";
    public const string HighValueReason = "high_value";
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public async Task<GridWorkerProfile> RegisterAsync(GridWorkerRegistration registration, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var worker = await db.GridWorkers
            .SingleOrDefaultAsync(w => w.ChannelId == registration.ChannelId && w.UserId == registration.UserId, cancellationToken)
            .ConfigureAwait(false);
        if (worker is null)
        {
            worker = new GridWorkerRecord
            {
                ChannelId = registration.ChannelId,
                UserId = registration.UserId,
                Name = "",
                Mobile = "",
                Platform = "",
                RegisteredAt = time.GetUtcNow(),
            };
            db.GridWorkers.Add(worker);
        }

        worker.Name = registration.Name.Trim();
        worker.Mobile = registration.Mobile.Trim();
        worker.Platform = registration.Platform.ToString();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return ToProfile(worker);
    }

    // Asked when every report begins; compiled once, EF skips building and looking up the query each time.
    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string, string, CancellationToken, Task<GridWorkerRecord?>>> WorkerByUser = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string channelId, string userId, CancellationToken cancellationToken) =>
            db.GridWorkers.AsNoTracking().SingleOrDefault(w => w.ChannelId == channelId && w.UserId == userId)));

    public async Task<GridWorkerProfile?> FindAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var worker = await WorkerByUser.For(db)(db, channelId, userId, cancellationToken).ConfigureAwait(false);
        return worker is null ? null : ToProfile(worker);
    }

    public async Task<GridWorkerStanding?> GetStandingAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var worker = await db.GridWorkers.AsNoTracking()
            .SingleOrDefaultAsync(w => w.ChannelId == channelId && w.UserId == userId, cancellationToken)
            .ConfigureAwait(false);
        if (worker is null)
        {
            return null;
        }

        var mine = await db.GridWorkerPoints.AsNoTracking().Where(p => p.WorkerId == worker.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var local = time.GetUtcNow().ToOffset(ChinaOffset);
        var monthStart = new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, ChinaOffset);
        var monthTotals = (await db.GridWorkerPoints.AsNoTracking()
                .Where(p => p.At >= monthStart)
                .Select(p => new { p.WorkerId, p.Points })
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false))
            .GroupBy(p => p.WorkerId)
            .Select(g => (WorkerId: g.Key, Points: g.Sum(p => p.Points)))
            .ToList();
        var monthPoints = monthTotals.FirstOrDefault(t => t.WorkerId == worker.Id).Points;
        int? rank = monthTotals.Any(t => t.WorkerId == worker.Id) ? 1 + monthTotals.Count(t => t.Points > monthPoints) : null;
        return new GridWorkerStanding(
            mine.Sum(p => p.Points),
            monthPoints,
            rank,
            mine.Count(p => p.Reason == AcceptedReason),
            mine.Count(p => p.Reason == HighValueReason));
    }

    /// <summary>Credits points for a ticket once per reason; called inside the callback's transaction.</summary>
    internal async Task AwardAsync(CitizenBotDbContext db, TicketRecord ticket, string reason, CancellationToken cancellationToken)
    {
        var worker = await db.GridWorkers.AsNoTracking()
            .SingleOrDefaultAsync(w => w.ChannelId == ticket.ChannelId && w.UserId == ticket.ReporterUserId, cancellationToken)
            .ConfigureAwait(false);
        if (worker is null
            || await db.GridWorkerPoints.AnyAsync(p => p.TicketId == ticket.Id && p.Reason == reason, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var points = reason == HighValueReason ? options.Value.HighValueBonus : options.Value.PointsPerAcceptedReport;
        db.GridWorkerPoints.Add(new GridWorkerPointsRecord { WorkerId = worker.Id, TicketId = ticket.Id, Reason = reason, Points = points, At = time.GetUtcNow() });
    }

    private static GridWorkerProfile ToProfile(GridWorkerRecord worker) =>
        new(worker.Name, Enum.TryParse<GigPlatform>(worker.Platform, out var platform) ? platform : GigPlatform.Other, worker.RegisteredAt);
}
