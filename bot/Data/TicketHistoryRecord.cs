using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Data;

/// <summary>One step of a ticket's life: submitted, each center callback, supplements, ratings.</summary>
internal sealed class TicketHistoryRecord
{
    public long Id { get; set; }
    public required string TicketId { get; set; }

    /// <summary>Stored as the status code (<see cref="TicketStatuses"/>): for a center step, the code the center sent.</summary>
    public required TicketStatus Status { get; set; }
    public string? Note { get; set; }
    public string? Unit { get; set; }

    /// <summary>Stored as <c>citizen</c>, <c>center</c> or <c>bot</c> (<see cref="Actors"/>).</summary>
    public required Actor Actor { get; set; }

    public DateTimeOffset At { get; set; }
}
