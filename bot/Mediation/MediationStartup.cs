using CitizenBot.Bot.Data;
using CitizenBot.Dialogs.Mediation;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Mediation;

/// <summary>
/// At start: rebuilds every upcoming booking's jobs from the bookings table, so nothing is lost when Hangfire keeps its
/// jobs in memory, and nothing is doubled when they are kept in Redis. Applies the migrations itself too (a no-op after
/// the ticketing startup did), so the order of the Add… calls cannot break it.
/// </summary>
internal sealed partial class MediationStartup(
    IDbContextFactory<CitizenBotDbContext> databases,
    MediationScheduler scheduler,
    TimeProvider time,
    ILogger<MediationStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var active = await db.MediationBookings
            .Where(b => (b.Status == BookingStatus.Invited || b.Status == BookingStatus.Confirmed) && b.SlotEnd > now)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var booking in active)
        {
            // Scaled out the jobs outlive the process (Redis): those this booking still has go first, so that a start
            // does not add a second set beside them.
            scheduler.Remove(booking);
            booking.ScheduledJobIds = scheduler.Schedule(booking, now);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogRebuilt(logger, active.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Mediation jobs rebuilt for {Bookings} upcoming bookings")]
    private static partial void LogRebuilt(ILogger logger, int bookings);
}
