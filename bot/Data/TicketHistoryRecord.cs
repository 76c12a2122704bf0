namespace CitizenBot.Bot.Data;

/// <summary>One step of a ticket's life: submitted, each center callback, supplements, ratings.</summary>
internal sealed class TicketHistoryRecord
{
    public long Id { get; set; }
    public required string TicketId { get; set; }
    public required string Status { get; set; }
    public string? Note { get; set; }
    public string? Unit { get; set; }

    /// <summary><c>citizen</c>, <c>center</c> or <c>bot</c>.</summary>
    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }
}
