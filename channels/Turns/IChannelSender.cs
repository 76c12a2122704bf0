using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.Turns;

/// <summary>
/// Delivers activities to a conversation outside a request: replies of a turn that finished after its
/// request was answered, and proactive messages (center feedback, reminders). One per channel.
/// </summary>
public interface IChannelSender
{
    /// <summary>The <c>channelId</c> this sender delivers to, e.g. <c>webchat</c> or <c>wechat</c>.</summary>
    string ChannelId { get; }

    Task SendAsync(ConversationReference reference, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);
}
