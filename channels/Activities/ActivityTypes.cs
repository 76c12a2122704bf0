namespace CitizenBot.Channels.Activities;

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string ConversationUpdate = "conversationUpdate";
    public const string EndOfConversation = "endOfConversation";
    public const string Invoke = "invoke";
}

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
    public const string Channel = "channel";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

public static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
}
