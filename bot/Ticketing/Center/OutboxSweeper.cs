using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// Every instance, every <see cref="CenterOptions.OutboxSweepInterval"/>, queues the push of every outbox row that is
/// still pending, not claimed (or its claim lapsed) and past its <see cref="OutboxRecord.DueAt"/> — whichever instance
/// committed it. That covers an instance that died between committing a ticket and queuing its push, one that died
/// mid-push (its claim lapses) and a job lost on the way. Queuing twice is harmless: the push job claims the row first,
/// and a row it finds accepted is left alone. Each sweep moves the rows it queued <see cref="RequeueSpacing"/> ahead, so
/// a long job queue is not fed the same rows again on every tick.
/// </summary>
internal sealed partial class OutboxSweeper(
    IDbContextFactory<CitizenBotDbContext> databases,
    CenterDispatcher dispatcher,
    IOptions<CenterOptions> options,
    TimeProvider time,
    ILogger<OutboxSweeper> logger) : BackgroundService
{
    /// <summary>Most rows one sweep queues; the rest wait for the next tick.</summary>
    private const int MaxPerSweep = 1000;

    /// <summary>How long a row queued by a sweep waits before a later sweep may queue it again.</summary>
    internal static readonly TimeSpan RequeueSpacing = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OutboxSweepInterval, time);
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
        var createdBefore = now - OutboxRecord.PushGrace;
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await db.Outbox.AsNoTracking()
            .Where(o => o.AcceptedAt == null && o.FailedAt == null
                && (o.LockedUntil == null || o.LockedUntil < now)
                && ((o.DueAt == null && o.CreatedAt < createdBefore) || o.DueAt < now))
            .OrderByDescending(o => o.Urgent).ThenBy(o => o.Id)
            .Select(o => new { o.Id, o.Key, o.Urgent })
            .Take(MaxPerSweep)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        if (due.Count == 0)
        {
            return;
        }

        var ids = due.Select(o => o.Id).ToList();
        var next = now + RequeueSpacing;
        await db.Outbox.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.DueAt, next), cancellationToken).ConfigureAwait(false);
        foreach (var row in due)
        {
            dispatcher.EnqueuePending(row.Key, row.Urgent);
        }

        LogRequeued(logger, due.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} outbox rows were still pending past their due time (an instance died before or during the push, or a job was lost); queued again")]
    private static partial void LogRequeued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox sweep failed with {Error}; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
