using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Privacy;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Safety;

/// <summary>
/// What runs before the interruptions and the flows, in this order: the emergency answer (never limited),
/// the abuse limits, "继续" back into a flow an emergency interrupted, and the citizen's data commands.
/// </summary>
internal sealed class SafetyGate(EmergencyResponder emergencies, AbuseGuard abuse, EmergencyResumeOffer resume, PersonalDataHandler personalData, IPersonalDataDesk desk)
{
    /// <summary>True when the message was served here and the turn is over.</summary>
    public async Task<bool> TryHandleMessageAsync(DialogContext dc, CancellationToken cancellationToken) =>
        await emergencies.TryHandleAsync(dc, cancellationToken).ConfigureAwait(false)
        || await abuse.HandleAsync(dc, cancellationToken).ConfigureAwait(false)
        || await resume.TryResumeAsync(dc, cancellationToken).ConfigureAwait(false)
        || await personalData.TryHandleAsync(dc, cancellationToken).ConfigureAwait(false);

    /// <summary>Sets the flow in progress aside (resumable with "继续"), for another matter the citizen raised.</summary>
    public void SetAside(DialogContext dc) => resume.Park(dc);

    /// <summary>After a flow ended: the way back into a flow an emergency interrupted, instead of the menu; true when offered.</summary>
    public bool TryOfferResume(DialogContext dc) => resume.TryOffer(dc);

    /// <summary>The citizen left the channel (WeChat unsubscribe) or came back: erasure after the grace period, or called off.</summary>
    public async Task OnMembersChangedAsync(Activity activity, CancellationToken cancellationToken)
    {
        var userId = activity.From?.Id;
        if (string.IsNullOrEmpty(userId))
        {
            return;
        }

        if (activity.MembersRemoved?.Exists(m => m.Id == userId) == true)
        {
            await desk.EraseAfterGracePeriodAsync(DataSubjects.From(activity), cancellationToken).ConfigureAwait(false);
        }
        else if (activity.MembersAdded?.Exists(m => m.Id == userId) == true)
        {
            await desk.CancelPendingErasureAsync(DataSubjects.From(activity), cancellationToken).ConfigureAwait(false);
        }
    }
}
