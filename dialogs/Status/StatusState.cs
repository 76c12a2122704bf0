namespace CitizenBot.Dialogs.Status;

/// <summary>Where the Status flow is: the tickets it listed and the one chosen.</summary>
internal sealed record StatusState
{
    /// <summary>Ticket ids in the order they were listed (the choice answers with an index).</summary>
    public IReadOnlyList<string> ListedTicketIds { get; init; } = [];

    public string? TicketId { get; init; }

    public string? Number { get; init; }

    /// <summary>Started by "评价 &lt;number&gt;" (the button of a proactive rating request): go straight to the rating.</summary>
    public bool RateNow { get; init; }
}
