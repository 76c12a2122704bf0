using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.DirectLine;

/// <summary>The DL3 <c>Conversation</c> object. <c>expires_in</c> is the protocol's only snake_case field.</summary>
internal sealed record ConversationResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null);

/// <summary>The DL3 <c>ResourceResponse</c>: the id the server gave a posted activity.</summary>
internal sealed record ResourceResponse(string Id);

/// <summary>The DL3 <c>ErrorResponse</c>: <c>{"error":{"code","message"}}</c>.</summary>
internal sealed record ErrorResponse(ErrorBody Error);

internal sealed record ErrorBody(string Code, string Message);

/// <summary>Body of <c>POST /conversations</c> and <c>POST /tokens/generate</c>; both parts optional.</summary>
internal sealed class ConversationRequest
{
    public ChannelAccount? User { get; set; }
    public string? Locale { get; set; }
}

/// <summary>
/// What the server puts in an uploaded image attachment's <c>content</c>: the GPS position the original photo carried
/// (the stored copy has no metadata left, so this is the only place it survives), read by the bot for the report.
/// </summary>
internal sealed record UploadContent(UploadGps? Gps)
{
    public static GeoCoordinates? ReadGps(Attachment attachment)
    {
        if (attachment.Content is not { ValueKind: JsonValueKind.Object } content)
        {
            return null;
        }

        try
        {
            var gps = content.Deserialize(DirectLineJson.Default.UploadContent)?.Gps;
            var point = gps is null ? null : new GeoCoordinates(gps.Latitude, gps.Longitude, Crs: CoordinateSystems.Wgs84);
            return point is { IsValid: true } ? point : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record UploadGps(double Latitude, double Longitude, string Crs);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ConversationRequest))]
[JsonSerializable(typeof(UploadContent))]
internal sealed partial class DirectLineJson : JsonSerializerContext;
