namespace CitizenBot.Bot.Data;

/// <summary>
/// The citizen's rating of a resolved ticket (回访: 满意度 and 解决情况); one per 办结: round 1, and round 2 after the
/// ticket was reopened (重办) and resolved again.
/// </summary>
internal sealed class TicketFeedbackRecord
{
    public required string TicketId { get; set; }

    /// <summary>1 for the first 办结, 2 after a 重办.</summary>
    public int Round { get; set; } = 1;

    /// <summary><c>satisfied</c>, <c>basically_satisfied</c> or <c>dissatisfied</c>.</summary>
    public required string Satisfaction { get; set; }

    public bool Resolved { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
}
