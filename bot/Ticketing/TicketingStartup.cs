using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Ticketing;

/// <summary>
/// At start, before any hosted service starts (so before the job server and every feature's start-up, whatever the
/// order they were added in): applies the EF migrations, then rebuilds the job queue from the database: every outbox
/// row not yet accepted (urgent first) and every callback the citizen was not yet told about. The jobs are created off
/// the start's thread (<see cref="CenterDispatcher"/>, <see cref="JobHandOff"/>): Hangfire's storage slow at start
/// delays them, never the start.
/// </summary>
internal sealed partial class TicketingStartup(
    IDbContextFactory<CitizenBotDbContext> databases,
    CenterDispatcher dispatcher,
    JobHandOff jobs,
    ILogger<TicketingStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await MigrateAsync(db, cancellationToken).ConfigureAwait(false);

        // Scaled out, claims are never released here: another instance may be pushing right now, and a claim left by
        // a crash lapses (Center:PushClaimLifetime), the push queued below running then. Embedded (SQLite, one process),
        // every claim is this process's own from before a crash: released, so the pushes go at once.
        if (db.Database.IsSqlite())
        {
            await db.Outbox.Where(o => o.AcceptedAt == null && o.FailedAt == null && o.LockedUntil != null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LockedUntil, (DateTimeOffset?)null), cancellationToken)
                .ConfigureAwait(false);
        }

        var pending = await db.Outbox.AsNoTracking()
            .Where(o => o.AcceptedAt == null && o.FailedAt == null)
            .OrderByDescending(o => o.Urgent).ThenBy(o => o.Id)
            .Select(o => new { o.Key, o.Urgent })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var row in pending)
        {
            dispatcher.EnqueuePending(row.Key, row.Urgent);
        }

        var unnotified = await db.CenterCallbacks.AsNoTracking().Where(c => c.NotifiedAt == null).Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in unnotified)
        {
            jobs.Create(client => client.Enqueue<CitizenNotificationJob>(job => job.NotifyAsync(id, CancellationToken.None)), "the next start");
        }

        LogSwept(logger, pending.Count, unnotified.Count);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Any number for the advisory lock, the same on every instance: "CBMIGRAT".</summary>
    private const long MigrationLockKey = 0x43424D4947524154;

    /// <summary>
    /// Scaled out, several instances started at once would apply the same migrations side by side on PostgreSQL (one
    /// failed at start dropping an index the other had just dropped): they take turns under a session advisory lock,
    /// held on the connection the migrations run on. SQLite is one process.
    /// </summary>
    private static async Task MigrateAsync(CitizenBotDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
            try
            {
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket outbox swept: {Pushes} pushes and {Notifications} notifications queued")]
    private static partial void LogSwept(ILogger logger, int pushes, int notifications);
}
