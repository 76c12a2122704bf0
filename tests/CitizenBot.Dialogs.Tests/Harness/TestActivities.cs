using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Tests.Harness;

/// <summary>Inbound activities as a channel adapter would hand them to the bot.</summary>
internal static class TestActivities
{
    public const string UserId = "user-1";
    public const string BotId = "bot";

    public static Activity Message(string? text) => Address(new Activity { Type = ActivityTypes.Message, Text = text });

    public static Activity Photo(string? text = null) => WithAttachment(text, "image/jpeg", "https://example.test/photo.jpg");

    public static Activity File(string? text = null) => WithAttachment(text, "application/pdf", "https://example.test/file.pdf");

    public static Activity Location(double latitude, double longitude, string? name) =>
        Address(new Activity
        {
            Type = ActivityTypes.Message,
            Entities = [new GeoCoordinates(latitude, longitude, name, CoordinateSystems.Gcj02).ToEntity()],
        });

    public static Activity Join(string memberId = UserId) =>
        Address(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [new ChannelAccount(memberId)] });

    private static Activity WithAttachment(string? text, string contentType, string url)
    {
        var activity = Message(text);
        activity.Attachments = [new Attachment { ContentType = contentType, ContentUrl = url }];
        return activity;
    }

    private static Activity Address(Activity activity)
    {
        activity.Id = Guid.NewGuid().ToString("N");
        activity.ChannelId = "test";
        activity.Conversation = new ConversationAccount("conversation-1");
        activity.From = new ChannelAccount(UserId, "居民", RoleTypes.User);
        activity.Recipient = new ChannelAccount(BotId, "CitizenBot", RoleTypes.Bot);
        return activity;
    }
}
