using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Interruptions;

/// <summary>
/// The port through which "人工" asks for a person. A channel that can transfer the conversation to a human
/// (e.g. the WeChat customer-service desk) implements it; the default only points to the hotline.
/// </summary>
public interface IHumanHandoff
{
    /// <summary>Asks for a person to take over <paramref name="conversation"/>; null when the activity carried no address.</summary>
    Task<HandoffOutcome> RequestAsync(ConversationReference? conversation, CancellationToken cancellationToken);
}

/// <summary>Whether a person is now taking over.</summary>
public enum HandoffOutcome
{
    /// <summary>No transfer: the citizen is told the hotline number and its hours.</summary>
    HotlineOnly,

    /// <summary>A person will answer in this conversation.</summary>
    Transferred,
}
