using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CitizenBot.Channels.WeChat.Api;

/// <summary>WeChat wants UTF-8 Chinese as is in request bodies, not \u escapes (they count against length limits).</summary>
[JsonSourceGenerationOptions]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class WeChatApiJson : JsonSerializerContext
{
    public static WeChatApiJson Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
