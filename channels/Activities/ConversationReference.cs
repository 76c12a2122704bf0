namespace CitizenBot.Channels.Activities;

/// <summary>What is needed to message a conversation later, outside the turn that produced it.</summary>
public sealed record ConversationReference(
    string ChannelId,
    string ConversationId,
    string UserId,
    string? BotId = null,
    string? ServiceUrl = null,
    string? Locale = null)
{
    public static ConversationReference? FromActivity(Activity activity) =>
        activity is { ChannelId: { } channel, Conversation.Id: { } conversation, From.Id: { } user }
            ? new ConversationReference(channel, conversation, user, activity.Recipient?.Id, activity.ServiceUrl, activity.Locale)
            : null;

    /// <summary>
    /// The conversation seen from the user's side: an activity of <paramref name="type"/> from the user to the bot, as if
    /// the user had just written. A turn run later (a reprompt) takes it as its inbound activity.
    /// </summary>
    public Activity ToInbound(string type) => new()
    {
        Type = type,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount(ConversationId),
        From = new ChannelAccount(UserId, role: RoleTypes.User),
        Recipient = new ChannelAccount(BotId ?? Activity.DefaultBotId, Activity.DefaultBotName, RoleTypes.Bot),
        Locale = Locale,
    };

    /// <summary>Addresses a new outgoing activity along this reference, as a reply to <see cref="ToInbound"/> is.</summary>
    public Activity Address(Activity activity) => ToInbound(ActivityTypes.Message).AddressReply(activity);
}
