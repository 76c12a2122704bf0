namespace CitizenBot.Dialogs.Runtime;

/// <summary>What a dialog turn came to.</summary>
internal enum DialogTurnStatus
{
    /// <summary>No dialog was active.</summary>
    Empty,

    /// <summary>A dialog is waiting for the user's next message.</summary>
    Waiting,

    /// <summary>The outermost dialog ended: the stack is empty again.</summary>
    Complete,

    /// <summary>The dialogs were cancelled.</summary>
    Cancelled,
}

/// <summary>A turn's outcome and, when a dialog ended, its result (kept in memory only: it is consumed in the same turn).</summary>
internal sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null)
{
    public static DialogTurnResult Waiting { get; } = new(DialogTurnStatus.Waiting);

    public static DialogTurnResult Empty { get; } = new(DialogTurnStatus.Empty);
}

/// <summary>Why a dialog left the stack.</summary>
internal enum DialogEndReason
{
    Completed,
    Cancelled,
}
