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
/// The one job a new report with a position costs: its first push to the center, then every registered watch looks at
/// it (one Hangfire job per ticket, not a push and a check apiece). The push's retries are jobs of their own
/// (<see cref="CenterPushJob"/>); the watches run once, whatever the push's outcome. A watch that fails, or a job
/// lost with its process, is made up by its sweep (the console's sweep finds the reports never checked), as the outbox
/// sweep makes up a lost push.
/// </summary>
internal sealed partial class PlacedTicketJob(CenterPushJob push, IEnumerable<IPlacedTicketWatch> watches, ILogger<PlacedTicketJob> logger)
{
    // Like every push: retries and parking are the outbox's own; Hangfire's automatic retry would push again.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Push placed ticket {0} to the center and check its place")]
    public async Task RunAsync(string ticketId, CancellationToken cancellationToken)
    {
        try
        {
            await push.PushAsync(ticketId, OutboxKinds.Ticket, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await CheckAsync(ticketId, cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Watch} could not look at a new report ({Error}); its sweep looks at it later")]
    private static partial void LogCheckLeftToSweep(ILogger logger, string watch, string error);
}
