namespace CitizenBot.Channels.Privacy;

/// <summary>
/// What a channel keeps of a conversation by itself (Direct Line: the activity log and the uploaded images), erased
/// when the citizen asks (删除我的信息). The bot calls every eraser of the conversation's channel.
/// </summary>
public interface IChannelConversationEraser
{
    /// <summary>The channel whose conversations this eraser knows.</summary>
    string ChannelId { get; }

    /// <summary>Erases what the channel holds of the conversation and refuses its credentials from then on.</summary>
    Task EraseAsync(string conversationId, CancellationToken cancellationToken);
}
