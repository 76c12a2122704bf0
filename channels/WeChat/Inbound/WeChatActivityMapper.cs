using System.Globalization;
using System.Text.Json;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.WeChat.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.WeChat.Inbound;

/// <summary>Turns every message type and event of the WeChat protocol into an <see cref="Activity"/> (or a reply of our own).</summary>
internal sealed partial class WeChatActivityMapper(
    IWeChatMediaDownloader media,
    IOptions<WeChatOptions> options,
    ILogger<WeChatActivityMapper> logger)
{
    public const string QrScenePrefix = "qrscene_";

    public async Task<InboundMapping> MapAsync(WeChatInboundMessage message, CancellationToken cancellationToken)
    {
        if (message.IsEvent)
        {
            return MapEvent(message);
        }

        switch (message.MsgType.ToLowerInvariant())
        {
            case "text":
                var text = NewActivity(message, ActivityTypes.Message);
                text.Text = message.Field("Content") ?? string.Empty;
                if (message.Field("bizmsgmenuid") is { Length: > 0 } menuId)
                {
                    text.Value = Json(new Dictionary<string, string> { ["bizmsgmenuid"] = menuId });
                }

                return InboundMapping.Turn(text, QuotaGrant.UserMessage);

            case "image":
                return await MapImageAsync(message, cancellationToken).ConfigureAwait(false);

            case "voice":
                if (message.Field("Recognition") is { Length: > 0 } recognition)
                {
                    var voice = NewActivity(message, ActivityTypes.Message);
                    voice.Text = recognition;
                    return InboundMapping.Turn(voice, QuotaGrant.UserMessage);
                }

                return InboundMapping.Reply(WeChatTexts.VoiceNotRecognised, QuotaGrant.UserMessage);

            case "location":
                var location = NewActivity(message, ActivityTypes.Message);
                return TryPoint(message.Field("Location_X"), message.Field("Location_Y"), message.Field("Label")) is { } point
                    ? InboundMapping.Turn(WithPoint(location, point), QuotaGrant.UserMessage)
                    : InboundMapping.Reply(WeChatTexts.UnsupportedMessage, QuotaGrant.UserMessage);

            case "link":
                var link = NewActivity(message, ActivityTypes.Message);
                link.Text = string.Join('\n', new[] { message.Field("Title"), message.Field("Description"), message.Field("Url") }
                    .Where(s => !string.IsNullOrWhiteSpace(s)));
                return InboundMapping.Turn(link, QuotaGrant.UserMessage);

            default:
                // video, shortvideo and whatever WeChat adds later: accepted, answered politely, no turn.
                return InboundMapping.Reply(WeChatTexts.UnsupportedMessage, QuotaGrant.UserMessage);
        }
    }

    private InboundMapping MapEvent(WeChatInboundMessage message)
    {
        switch (message.Event.ToUpperInvariant())
        {
            case "SUBSCRIBE":
                var follow = NewActivity(message, ActivityTypes.ConversationUpdate);
                follow.MembersAdded = [new ChannelAccount(message.FromUserName, role: RoleTypes.User)];
                if (message.EventKey.StartsWith(QrScenePrefix, StringComparison.Ordinal))
                {
                    follow.Value = Json(new Dictionary<string, string> { ["scene"] = message.EventKey[QrScenePrefix.Length..] });
                }

                return InboundMapping.Turn(follow, QuotaGrant.MenuFollowOrScan);

            case "UNSUBSCRIBE":
                var unfollow = NewActivity(message, ActivityTypes.ConversationUpdate);
                unfollow.MembersRemoved = [new ChannelAccount(message.FromUserName, role: RoleTypes.User)];
                return InboundMapping.Turn(unfollow, QuotaGrant.None);

            case "SCAN":
                var scan = NewEvent(message, "scan");
                scan.Value = Json(new Dictionary<string, string> { ["scene"] = message.EventKey });
                return InboundMapping.Turn(scan, QuotaGrant.MenuFollowOrScan);

            case "LOCATION":
                return TryPoint(message.Field("Latitude"), message.Field("Longitude"), name: null) is { } point
                    ? InboundMapping.Turn(WithPoint(NewEvent(message, "location"), point), QuotaGrant.None)
                    : InboundMapping.Nothing;

            case "CLICK":
                var click = NewActivity(message, ActivityTypes.Message);
                click.Text = options.Value.MenuKeys.GetValueOrDefault(message.EventKey);
                click.Value = Json(new Dictionary<string, string> { ["menuKey"] = message.EventKey });
                return InboundMapping.Turn(click, QuotaGrant.MenuFollowOrScan);

            case "VIEW":
                var view = NewEvent(message, "menuView");
                view.Value = Json(new Dictionary<string, string> { ["url"] = message.EventKey });
                return InboundMapping.Turn(view, QuotaGrant.None);

            default:
                // TEMPLATESENDJOBFINISH, subscribe_msg_* and the like are reports to us, not words from a citizen.
                LogIgnoredEvent(logger, message.Event);
                return InboundMapping.Nothing;
        }
    }

    private async Task<InboundMapping> MapImageAsync(WeChatInboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Field("MediaId") is not { Length: > 0 } mediaId)
        {
            return InboundMapping.Reply(WeChatTexts.PhotoNotReceived, QuotaGrant.UserMessage);
        }

        WeChatMedia photo;
        try
        {
            // Fetched at once: temporary media expires after 3 days, and PicUrl is never fetched (SSRF).
            photo = await media.DownloadAsync(mediaId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or WeChatApiException or TaskCanceledException)
        {
            LogPhotoFailed(logger, PersonalData.MaskUserId(message.FromUserName), e.GetType().Name);
            return InboundMapping.Reply(WeChatTexts.PhotoNotReceived, QuotaGrant.UserMessage);
        }

        var activity = NewActivity(message, ActivityTypes.Message);
        activity.Attachments =
        [
            new Attachment
            {
                ContentType = photo.ContentType,
                ContentUrl = $"data:{photo.ContentType};base64,{Convert.ToBase64String(photo.Content)}",
                Name = mediaId,
            },
        ];
        return InboundMapping.Turn(activity, QuotaGrant.UserMessage);
    }

    private static Activity NewActivity(WeChatInboundMessage message, string type) => new()
    {
        Type = type,
        Id = message.DedupKey,
        ChannelId = WeChatDefaults.ChannelId,
        Timestamp = DateTimeOffset.FromUnixTimeSeconds(message.CreateTime),
        From = new ChannelAccount(message.FromUserName, role: RoleTypes.User),
        Recipient = new ChannelAccount(message.ToUserName, role: RoleTypes.Bot),
        Conversation = new ConversationAccount(message.FromUserName),
        Locale = "zh-CN",
        TextFormat = TextFormats.Plain,
    };

    private static Activity NewEvent(WeChatInboundMessage message, string name)
    {
        var activity = NewActivity(message, ActivityTypes.Event);
        activity.Name = name;
        return activity;
    }

    private static Activity WithPoint(Activity activity, GeoCoordinates point)
    {
        activity.Entities = [point.ToEntity()];
        return activity;
    }

    private static GeoCoordinates? TryPoint(string? latitude, string? longitude, string? name)
    {
        if (!double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lng))
        {
            return null;
        }

        var point = new GeoCoordinates(lat, lng, string.IsNullOrWhiteSpace(name) ? null : name, CoordinateSystems.Gcj02);
        return point.IsValid ? point : null;
    }

    private static JsonElement Json(Dictionary<string, string> values) =>
        JsonSerializer.SerializeToElement(values, WeChatJson.Default.DictionaryStringString);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WeChat event {Event} needs no turn")]
    private static partial void LogIgnoredEvent(ILogger logger, string @event);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Photo from {User} could not be downloaded ({Error})")]
    private static partial void LogPhotoFailed(ILogger logger, string user, string error);
}
