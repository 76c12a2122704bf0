using CitizenBot.Bot.Data;
using CitizenBot.Bot.Hosting;
using CitizenBot.Dialogs.Mediation;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Mediation;

/// <summary>
/// Rebuilds every upcoming booking's jobs from the bookings table once the process has started (in the background,
/// retried while Hangfire's storage is away: <see cref="JobsAtStart"/>), so nothing is lost when Hangfire keeps its
/// jobs in memory, and nothing is doubled when they are kept in Redis. Applies the migrations itself first, on the
/// start's path (a no-op after the ticketing startup did), so the order of the Add… calls cannot break it.
/// </summary>
internal sealed partial class MediationStartup(
    IDbContextFactory<CitizenBotDbContext> databases,
    MediationScheduler scheduler,
    TimeProvider time,
    ILogger<MediationStartup> logger) : JobsAtStart(logger, time)
{
    protected override string What => "The mediation bookings' jobs";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DefineAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = Time.GetUtcNow();
        var active = await db.MediationBookings
            .Where(b => (b.Status == BookingStatus.Invited || b.Status == BookingStatus.Confirmed) && b.SlotEnd > now)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var booking in active)
        {
            // Scaled out the jobs outlive the process (Redis): those this booking still has go first, so that a start
            // does not add a second set beside them. Saved booking by booking, so a retry after a storage timeout
            // removes the jobs it already made.
            scheduler.Remove(booking);
            booking.ScheduledJobIds = scheduler.Schedule(booking, now);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        LogRebuilt(logger, active.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mediation jobs rebuilt for {Bookings} upcoming bookings")]
    private static partial void LogRebuilt(ILogger logger, int bookings);
}
