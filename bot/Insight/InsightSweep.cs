using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// Every instance, at start and every <see cref="InsightOptions.SweepInterval"/>: checks each report not yet checked
/// for a hotspot (its queued check was lost: the process died between saving the report and queuing it, or the job
/// vanished), within the hotspot window and older than <see cref="CheckGrace"/> so the queued check goes first; and
/// queues every staff alert still pending past its due time. Checking a report twice is harmless: a member of a
/// hotspot is not counted again, and two checks racing collide on the one-hotspot-per-ticket index. It also makes the
/// per-day rollup (<see cref="InsightDays"/>) of the days that settled since, so no staff member waits for it.
/// </summary>
internal sealed partial class InsightSweep(
    IDbContextFactory<CitizenBotDbContext> databases,
    IServiceScopeFactory scopes,
    StaffAlerts staffAlerts,
    InsightDays days,
    IOptions<InsightOptions> options,
    TimeProvider time,
    ILogger<InsightSweep> logger) : BackgroundService
{
    /// <summary>Most reports or alerts one sweep takes; the rest wait for the next one.</summary>
    private const int MaxPerSweep = 500;

    /// <summary>How old an unchecked report is before the sweep takes it over from its queued check.</summary>
    internal static readonly TimeSpan CheckGrace = TimeSpan.FromMinutes(2);

    private readonly TaskCompletionSource _firstSweep = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done once the sweep at start has run (or failed); a test that checks reports itself waits for it, so the two never race.</summary>
    internal Task FirstSweep => _firstSweep.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
            {
                LogSweepFailed(logger, e.GetType().Name);
            }
            finally
            {
                _firstSweep.TrySetResult();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <returns>How many reports were checked and alerts queued.</returns>
    internal async Task<(int Checked, int Alerts)> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now - options.Value.HotspotWindow;
        var before = now - CheckGrace;
        List<string> pending;
        List<long> alerts;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            pending = await db.Tickets.AsNoTracking()
                .Where(t => t.HotspotCheckedAt == null && t.CreatedAt >= since && t.CreatedAt < before)
                .OrderBy(t => t.CreatedAt)
                .Select(t => t.Id)
                .Take(MaxPerSweep)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            alerts = await db.StaffAlerts.AsNoTracking()
                .Where(a => a.SentAt == null && a.SkippedAt == null && a.FailedAt == null && a.DueAt < now)
                .OrderBy(a => a.Id)
                .Select(a => a.Id)
                .Take(MaxPerSweep)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (alerts.Count > 0)
            {
                var next = now + StaffAlertJob.SweepGrace;
                await db.StaffAlerts.Where(a => alerts.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueAt, next), cancellationToken).ConfigureAwait(false);
            }
        }

        // In order of filing, as the queued checks would have run.
        foreach (var ticketId in pending)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HotspotWatch>().CheckAsync(ticketId, cancellationToken).ConfigureAwait(false);
        }

        staffAlerts.Enqueue(alerts);
        var today = InsightFilter.DayOf(now);
        await days.SettleAsync(today.AddDays(1 - InsightFilter.MaxDays), today, cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0 || alerts.Count > 0)
        {
            LogSwept(logger, pending.Count, alerts.Count);
        }

        return (pending.Count, alerts.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Insight sweep: {Checked} reports whose hotspot check was lost checked now, {Alerts} pending staff alerts queued again")]
    private static partial void LogSwept(ILogger logger, int @checked, int alerts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Insight sweep failed with {Error}; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
