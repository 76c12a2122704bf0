namespace CitizenBot.Dialogs.LegalAid;

/// <summary>The LegalAid flow's saved state: what it waits for and the last question (the context of a follow-up).</summary>
internal sealed record LegalAidState
{
    public LegalAidWait Waiting { get; init; }

    public string? LastQuestion { get; init; }

    /// <summary>The topic the last answered question was asked under: a follow-up the model gives none keeps it.</summary>
    public string? LastTopic { get; init; }
}

/// <summary>What the flow's next message is read as.</summary>
internal enum LegalAidWait
{
    /// <summary>The first question.</summary>
    Question,

    /// <summary>A next step (button or number), or else a follow-up question.</summary>
    NextStep,
}
