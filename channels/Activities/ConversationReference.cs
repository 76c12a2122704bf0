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

    /// <summary>Addresses a new outgoing activity along this reference.</summary>
    public Activity Address(Activity activity)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl ??= ServiceUrl;
        activity.Conversation = new ConversationAccount(ConversationId);
        activity.Recipient ??= new ChannelAccount(UserId, role: RoleTypes.User);
        activity.From ??= new ChannelAccount(BotId ?? "citizenbot", "CitizenBot", RoleTypes.Bot);
        activity.Locale ??= Locale;
        return activity;
    }
}
