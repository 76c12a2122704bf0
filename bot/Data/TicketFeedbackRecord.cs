namespace CitizenBot.Bot.Data;

/// <summary>The citizen's rating of a resolved ticket (回访: 满意度 and 解决情况); one per ticket.</summary>
internal sealed class TicketFeedbackRecord
{
    public required string TicketId { get; set; }

    /// <summary><c>satisfied</c>, <c>basically_satisfied</c> or <c>dissatisfied</c>.</summary>
    public required string Satisfaction { get; set; }

    public bool Resolved { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
}
