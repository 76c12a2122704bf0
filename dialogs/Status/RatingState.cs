namespace CitizenBot.Dialogs.Status;

/// <summary>A rating in progress (回访): which ticket, and the answers so far.</summary>
internal sealed record RatingState
{
    public string TicketId { get; init; } = string.Empty;

    public string Number { get; init; } = string.Empty;

    public Satisfaction Satisfaction { get; init; }

    public bool Resolved { get; init; }

    public string? Comment { get; init; }
}
