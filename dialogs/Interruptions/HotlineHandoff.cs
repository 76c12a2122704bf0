using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Interruptions;

/// <summary>The default hand-over: no live transfer yet, so the citizen is pointed to the hotline.</summary>
internal sealed class HotlineHandoff : IHumanHandoff
{
    public Task<HandoffOutcome> RequestAsync(ConversationReference? conversation, CancellationToken cancellationToken) =>
        Task.FromResult(HandoffOutcome.HotlineOnly);
}
