namespace CitizenBot.Dialogs.Status;

/// <summary>Where the Status flow is: the tickets it listed, the one chosen, and what the citizen wants to do with it.</summary>
internal sealed record StatusState
{
    /// <summary>Ticket ids in the order they were listed (the choice answers with an index).</summary>
    public IReadOnlyList<string> ListedTicketIds { get; init; } = [];

    public string? TicketId { get; init; }

    public string? Number { get; init; }

    /// <summary>Started by a command or words that name the ticket and what to do: go straight to <see cref="Action"/>.</summary>
    public bool ActNow { get; init; }

    /// <summary>What the citizen asked for (a command, their words), or chose after the ticket's details.</summary>
    public TicketAction? Action { get; init; }

    /// <summary>The citizen's words that asked for <see cref="Action"/>, when they say why ("不用修了，已经有人修好了").</summary>
    public string? Reason { get; init; }

    /// <summary>The actions offered after the ticket's details, in the order of the choice; null stands for "不用了".</summary>
    public IReadOnlyList<TicketAction?> Offered { get; init; } = [];
}
