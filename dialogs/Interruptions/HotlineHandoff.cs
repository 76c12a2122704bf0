using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Interruptions;

/// <summary>The default hand-over: no live transfer and no call-back desk, so the citizen is pointed to the hotline.</summary>
internal sealed class HotlineHandoff : IHumanHandoff
{
    public Task<HandoffOutcome> RequestAsync(ConversationReference? conversation, CancellationToken cancellationToken) =>
        Task.FromResult(HandoffOutcome.HotlineOnly);

    public Task<string> RequestCallbackAsync(ConversationReference? conversation, string mobile, string submissionId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The hotline-only hand-over never offers a call-back; register an IHumanHandoff that does.");
}
