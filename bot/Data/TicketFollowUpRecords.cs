namespace CitizenBot.Bot.Data;

/// <summary>A citizen's 催办 of their own open ticket: at most one a day, pushed to the center (<c>POST /tickets/{id}/reminders</c>).</summary>
internal sealed class TicketReminderRecord
{
    /// <summary>Sortable GUID (version 7), also the idempotency key at the center.</summary>
    public required string Id { get; set; }

    public required string TicketId { get; set; }

    /// <summary>Who urged (the ticket's reporter); empty once their data is erased.</summary>
    public required string ChannelId { get; set; }

    /// <inheritdoc cref="ChannelId"/>
    public required string UserId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// The citizen's 撤回 of their ticket with a reason. Before the center had the ticket it is withdrawn here and never
/// sent (<see cref="Local"/>); after, the request goes to the center (<c>POST /tickets/{id}/withdrawal</c>), whose
/// answer comes back as a status. One per ticket.
/// </summary>
internal sealed class TicketWithdrawalRecord
{
    public required string TicketId { get; set; }

    /// <summary>The citizen's own words; blanked by erasure and retention once the center has them.</summary>
    public string? Reason { get; set; }

    public bool Local { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// 不满意 → 重办: the citizen says a 办结 ticket is not solved and asks the center to handle it again
/// (<c>POST /tickets/{id}/reopen</c>). Once per ticket.
/// </summary>
internal sealed class TicketReopenRecord
{
    public required string TicketId { get; set; }

    /// <summary>The citizen's own words; blanked by erasure and retention once the center has them.</summary>
    public string? Reason { get; set; }

    /// <summary>A photo of how it is now (optional), claimed by the ticket.</summary>
    public string? PhotoId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// Another citizen who 关注 (follows) an open ticket instead of filing a duplicate: later statuses reach them too, with
/// nothing of the reporter's. The center is told only that one more person asks (<c>POST /tickets/{id}/followers</c>).
/// </summary>
internal sealed class TicketFollowerRecord
{
    /// <summary>Sortable GUID (version 7), also the idempotency key at the center.</summary>
    public required string Id { get; set; }

    public required string TicketId { get; set; }

    /// <summary>Who follows; empty once their data is erased (then nothing reaches them any more).</summary>
    public required string ChannelId { get; set; }

    /// <inheritdoc cref="ChannelId"/>
    public required string UserId { get; set; }

    public DateTimeOffset At { get; set; }
}
