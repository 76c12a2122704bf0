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

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ConversationRequest))]
internal sealed partial class DirectLineJson : JsonSerializerContext;
