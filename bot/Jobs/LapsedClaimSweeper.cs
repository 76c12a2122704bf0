using CitizenBot.Bot.Center;
using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Jobs;

/// <summary>
/// Finds outbox rows whose claim lapsed (the instance pushing them died mid-push) and queues their push again, so a
/// surviving instance finishes the work without waiting for a restart. A live worker clears its claim when the push
/// ends, so a lapsed claim always means a lost worker; queuing twice is harmless (the push job claims the row first).
/// </summary>
internal sealed partial class LapsedClaimSweeper(
    IDbContextFactory<CitizenBotDbContext> databases,
    CenterDispatcher dispatcher,
    IOptions<CenterOptions> options,
    TimeProvider time,
    ILogger<LapsedClaimSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ClaimSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
            {
                // The database is away for a moment; the next tick tries again.
                LogSweepFailed(logger, e.GetType().Name);
            }
        }
    }

    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var lapsed = await db.Outbox.AsNoTracking()
            .Where(o => o.AcceptedAt == null && o.FailedAt == null && o.LockedUntil != null && o.LockedUntil < now)
            .Select(o => new { o.TicketId, o.Kind, o.SubjectId, o.Urgent })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var row in lapsed)
        {
            dispatcher.EnqueuePending(row.TicketId, row.Kind, row.SubjectId, row.Urgent);
        }

        if (lapsed.Count > 0)
        {
            LogRequeued(logger, lapsed.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} outbox pushes had a lapsed claim (an instance died mid-push); queued again")]
    private static partial void LogRequeued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox sweep failed with {Error}; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
