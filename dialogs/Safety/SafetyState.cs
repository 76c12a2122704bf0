namespace CitizenBot.Dialogs.Safety;

/// <summary>What the abuse limits remember about one conversation (in <c>ConversationState.Values["safety"]</c>).</summary>
internal sealed record SafetyState
{
    /// <summary>Arrival times (Unix ms) of the messages of the last minute.</summary>
    public List<long> Messages { get; init; } = [];

    /// <summary>The flood notice was given; silence until the minute passes.</summary>
    public bool FloodNoticed { get; init; }

    /// <summary>Arrival times (Unix ms) of recent insults.</summary>
    public List<long> Insults { get; init; } = [];

    /// <summary>The bot said it stops answering insults; silence for them until the window passes.</summary>
    public bool InsultsQuieted { get; init; }
}
