namespace CitizenBot.Bot.Data;

/// <summary>A center status callback as received; unique per (ticket, status, at) so a redelivery changes nothing.</summary>
internal sealed class CenterCallbackRecord
{
    public long Id { get; set; }
    public required string TicketId { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Note { get; set; }
    public string? Unit { get; set; }
    public bool HighValue { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Set once the citizen was told; the notification job skips rows already done.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
}
