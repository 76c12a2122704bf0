using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Interruptions;

/// <summary>
/// The port through which "人工" asks for a person. The bot answers per channel: the WeChat customer-service desk takes
/// the conversation over, the web offers a call-back, anything else only points to the hotline.
/// </summary>
public interface IHumanHandoff
{
    /// <summary>Asks for a person to take over <paramref name="conversation"/>; null when the activity carried no address.</summary>
    Task<HandoffOutcome> RequestAsync(ConversationReference? conversation, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the center to call <paramref name="mobile"/> back about <paramref name="conversation"/>: a 求助 ticket carrying
    /// the conversation so far. Only asked after <see cref="RequestAsync"/> answered <see cref="HandoffOutcome.Callback"/>.
    /// <paramref name="submissionId"/> is fixed by the flow before it asks and kept in its saved state: asked again with
    /// the same id (a turn that runs again after a crash), the same ticket's number comes back and nothing is filed twice
    /// (<see cref="Report.ReportSubmission.SubmissionId"/>).
    /// </summary>
    /// <returns>The ticket's human-readable number (工单编号).</returns>
    Task<string> RequestCallbackAsync(ConversationReference? conversation, string mobile, string submissionId, CancellationToken cancellationToken);
}

/// <summary>How a person takes over.</summary>
public enum HandoffOutcome
{
    /// <summary>No transfer: the citizen is told the hotline number and its hours.</summary>
    HotlineOnly,

    /// <summary>A person will answer in this conversation; the channel is told with a <c>handoff.initiate</c> event.</summary>
    Transferred,

    /// <summary>A person calls back: the citizen is asked for a mobile number (取消 keeps just the hotline).</summary>
    Callback,
}
