namespace CitizenBot.Dialogs.Understanding;

/// <summary>
/// A slower judge (the optional LLM) asked only when the trained models are unsure: about the intent of a message, and
/// about an emergency the safety model was unsure of. It may add an emergency, never remove one.
/// </summary>
public interface ISecondOpinion
{
    /// <summary>False when no judge is configured: the bot then never waits for one.</summary>
    bool IsAvailable { get; }

    /// <summary>The judge's reading, or null when it has none (off, timed out, an answer outside the labels).</summary>
    /// <param name="text">The citizen's message.</param>
    /// <param name="intents">The intents it may answer with (<see cref="Intents"/>).</param>
    /// <param name="emergencyKinds">The emergency kinds it may answer with (<see cref="SafetyLabels.Kinds"/>), besides "none".</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<SecondOpinion?> AskAsync(string text, IReadOnlyList<string> intents, IReadOnlyList<string> emergencyKinds, CancellationToken cancellationToken);
}

/// <summary>What the second judge read: an intent from the list (or null), and an emergency kind (or null for none).</summary>
public sealed record SecondOpinion(string? Intent, string? EmergencyKind);

/// <summary>No second judge (the default).</summary>
internal sealed class NoSecondOpinion : ISecondOpinion
{
    public bool IsAvailable => false;

    public Task<SecondOpinion?> AskAsync(string text, IReadOnlyList<string> intents, IReadOnlyList<string> emergencyKinds, CancellationToken cancellationToken) =>
        Task.FromResult<SecondOpinion?>(null);
}
