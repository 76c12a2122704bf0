namespace CitizenBot.Dialogs.Status;

/// <summary>A rating in progress (回访): which ticket, and the answers so far.</summary>
internal sealed record RatingState
{
    public string TicketId { get; init; } = string.Empty;

    public string Number { get; init; } = string.Empty;

    public Satisfaction Satisfaction { get; init; }

    public bool Resolved { get; init; }

    public string? Comment { get; init; }

    /// <summary>The ticket may still be reopened (重办): offered after a 不满意 or unsolved rating.</summary>
    public bool CanReopen { get; init; }

    /// <summary>The rating was recorded as 不满意 or unsolved and 重办 was offered.</summary>
    public bool ReopenOffered { get; init; }
}
