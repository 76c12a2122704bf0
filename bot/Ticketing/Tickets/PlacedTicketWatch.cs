using Hangfire;

namespace CitizenBot.Bot.Ticketing.Tickets;

/// <summary>Something that looks at each new report with a position once it is saved (the console's hotspot watch).</summary>
internal interface IPlacedTicketWatch
{
    Task CheckAsync(string ticketId, CancellationToken cancellationToken);
}

/// <summary>The job the submit queues for a report with a position: every registered watch looks at it.</summary>
internal sealed class PlacedTicketJob(IEnumerable<IPlacedTicketWatch> watches)
{
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Watches of placed ticket {0}")]
    public async Task RunAsync(string ticketId, CancellationToken cancellationToken)
    {
        foreach (var watch in watches)
        {
            await watch.CheckAsync(ticketId, cancellationToken).ConfigureAwait(false);
        }
    }
}
