using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>Something that looks at each new report with a position once it is saved (the console's hotspot watch).</summary>
internal interface IPlacedTicketWatch
{
    Task CheckAsync(string ticketId, CancellationToken cancellationToken);
}

/// <summary>
/// The one job new tickets cost: their first pushes to the center (together, <see cref="CenterPushJob.PushNewTicketsAsync"/>),
/// then every registered watch looks at those with a position. The tickets committed while the dispatcher was queuing the last job go together in the next
/// (<see cref="CenterDispatcher.EnqueueNewTicket"/>): a Hangfire job costs a dozen writes to its storage (Redis, scaled
/// out), more than a ticket's own. A push's retries are jobs of their own (<see cref="CenterPushJob"/>); the watches
/// run once, whatever the push's outcome. A push or a watch that fails, or a job lost with its process, is made up by
/// its sweep (the outbox sweep pushes what was never accepted, the console's sweep finds the reports never checked);
/// one ticket's refusal or timeout at the center does not hold up the others.
/// </summary>
internal sealed partial class NewTicketsJob(CenterPushJob push, IEnumerable<IPlacedTicketWatch> watches, ILogger<NewTicketsJob> logger)
{
    // Like every push: retries and parking are the outbox's own; Hangfire's automatic retry would push again.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Push new tickets to the center and check their places")]
    public async Task RunAsync(string[] ticketIds, string[] placedIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketIds);
        ArgumentNullException.ThrowIfNull(placedIds);
        CenterRejectedException? refused = null;
        try
        {
            await push.PushNewTicketsAsync(ticketIds, cancellationToken).ConfigureAwait(false);
        }
        catch (CenterRejectedException e)
        {
            refused = e;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPushLeftToSweep(logger, e.GetType().Name);
        }

        foreach (var ticketId in placedIds)
        {
            await CheckAsync(ticketId, cancellationToken).ConfigureAwait(false);
        }

        if (refused is not null)
        {
            // Parked for good, not left to the sweep: the job fails so the refusal shows on the dashboard.
            throw refused;
        }
    }

    private async Task CheckAsync(string ticketId, CancellationToken cancellationToken)
    {
        foreach (var watch in watches)
        {
            try
            {
                await watch.CheckAsync(ticketId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbUpdateException or DbException or InvalidOperationException or TimeoutException)
            {
                LogCheckLeftToSweep(logger, watch.GetType().Name, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "New tickets' first pushes failed ({Error}); the outbox sweep pushes them")]
    private static partial void LogPushLeftToSweep(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Watch} could not look at a new report ({Error}); its sweep looks at it later")]
    private static partial void LogCheckLeftToSweep(ILogger logger, string watch, string error);
}
