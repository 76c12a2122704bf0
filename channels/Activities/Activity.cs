using System.Text.Json;
using System.Text.Json.Serialization;

namespace CitizenBot.Channels.Activities;

/// <summary>
/// The one message shape every channel speaks: the Bot Framework Activity, JSON-compatible with
/// botframework-schema (camelCase, nulls omitted). Fields this type does not model survive a round trip
/// through <see cref="ExtensionData"/>.
/// </summary>
public sealed class Activity
{
    /// <summary>Who a reply is from when the activity it answers does not name its recipient.</summary>
    internal const string DefaultBotId = "citizenbot";

    internal const string DefaultBotName = "CitizenBot";

    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Locale { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Entity>? Entities { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public JsonElement? ChannelData { get; set; }
    public JsonElement? Value { get; set; }
    public string? Name { get; set; }
    public string? DeliveryMode { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    public static Activity CreateMessage(string? text) => new() { Type = ActivityTypes.Message, Text = text };

    public static Activity CreateTyping() => new() { Type = ActivityTypes.Typing };

    public bool IsMessage => string.Equals(Type, ActivityTypes.Message, StringComparison.Ordinal);

    /// <summary>The <c>channelData.clientActivityID</c> Web Chat uses to match a posted activity with its echo.</summary>
    [JsonIgnore]
    public string? ClientActivityId =>
        ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("clientActivityID", out var id)
        && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>A reply addressed back along this activity's conversation, from its recipient to its sender.</summary>
    public Activity CreateReply(string? text = null) => AddressReply(CreateMessage(text));

    /// <summary>
    /// Addresses <paramref name="reply"/> back along this inbound activity: the one place where an outgoing activity
    /// (a reply within a turn, a late reply, a message Direct Line logs, a proactive message through
    /// <see cref="ConversationReference.Address"/>) gets its channel, conversation, recipient and the id it answers.
    /// Those four are always this activity's, whatever the reply said; the sender (this activity's recipient, as the
    /// bot), service URL and locale are filled in when the reply has none.
    /// </summary>
    public Activity AddressReply(Activity reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        reply.Type ??= ActivityTypes.Message;
        reply.ChannelId = ChannelId;
        reply.Conversation = Conversation;
        reply.Recipient = From;
        reply.ReplyToId = Id;
        reply.From ??= Recipient ?? new ChannelAccount(DefaultBotId, DefaultBotName, RoleTypes.Bot);
        reply.From.Role ??= RoleTypes.Bot;
        reply.ServiceUrl ??= ServiceUrl;
        reply.Locale ??= Locale;
        return reply;
    }

    /// <summary>A deep copy through JSON, so a stored activity is never mutated by a later turn.</summary>
    public Activity Clone() =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(this, ActivityJson.Context.Activity), ActivityJson.Context.Activity)!;
}
