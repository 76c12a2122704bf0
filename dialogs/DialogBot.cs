using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs;

/// <summary>
/// The dialogs as the turn pipeline sees them: one inbound activity and the conversation's state in,
/// the replies out. The state is changed in place; the caller saves it before it delivers the replies.
/// </summary>
public interface IDialogBot
{
    Task<IReadOnlyList<Activity>> OnTurnAsync(Activity activity, ConversationState state, CancellationToken cancellationToken);
}
