using CitizenBot.Channels.Activities;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>Fills in what the server owns on the activities it logs: channel, conversation, roles.</summary>
internal sealed class DirectLineAddressing(IOptions<DirectLineOptions> options)
{
    public ChannelAccount Bot() => new(options.Value.BotId, options.Value.BotName, RoleTypes.Bot);

    /// <summary>The user's posted activity as echoed and as the bot sees it. <c>channelData</c> is left untouched.</summary>
    public Activity Inbound(Activity posted, string conversationId, string userId)
    {
        posted.Id = null;
        posted.Timestamp = null;
        posted.ChannelId = DirectLineDefaults.ChannelId;
        posted.Conversation = new ConversationAccount(conversationId);
        posted.From = new ChannelAccount(userId, posted.From?.Name, RoleTypes.User);
        posted.Recipient = Bot();
        posted.ReplyToId = null;
        return posted;
    }

    /// <summary>A bot activity made safe for Web Chat: role bot, addressed to the user, no text on typing.</summary>
    public Activity Outbound(Activity reply, DirectLineConversation conversation, string? replyToId)
    {
        var activity = reply.Clone();
        if (activity.From?.Id is not { Length: > 0 })
        {
            activity.From = null;
        }

        // Addressed as the answer to the user's activity replyToId, whoever the reply thought it was for.
        var answered = new Activity
        {
            Id = replyToId,
            ChannelId = DirectLineDefaults.ChannelId,
            Conversation = new ConversationAccount(conversation.Id),
            From = new ChannelAccount(conversation.UserId, role: RoleTypes.User),
            Recipient = Bot(),
        };
        answered.AddressReply(activity);
        activity.From!.Name ??= options.Value.BotName;

        // Web Chat renders a typing activity that carries text as a "livestream" bubble.
        if (string.Equals(activity.Type, ActivityTypes.Typing, StringComparison.Ordinal))
        {
            activity.Text = null;
        }

        return activity;
    }
}
