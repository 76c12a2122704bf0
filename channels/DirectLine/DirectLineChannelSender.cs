using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Turns;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// Delivers late replies and proactive messages to a Direct Line conversation: they are logged and reach the client
/// on its stream or next poll. A conversation this process no longer holds is recreated for the referenced user, so
/// a client resuming with its token still gets them.
/// </summary>
internal sealed class DirectLineChannelSender(IDirectLineConversationStore store, DirectLineAddressing addressing) : IChannelSender
{
    public string ChannelId => DirectLineDefaults.ChannelId;

    public async Task SendAsync(ConversationReference reference, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var conversation = new DirectLineConversation(reference.ConversationId, reference.UserId);
        await store.CreateAsync(conversation, cancellationToken).ConfigureAwait(false);
        conversation = await store.FindAsync(reference.ConversationId, cancellationToken).ConfigureAwait(false) ?? conversation;
        foreach (var activity in activities)
        {
            var outbound = addressing.Outbound(activity, conversation, activity.ReplyToId);
            await store.AppendAsync(conversation.Id, outbound, cancellationToken).ConfigureAwait(false);
        }
    }
}
