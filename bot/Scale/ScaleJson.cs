using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Channels.WeChat.Api;

namespace CitizenBot.Bot.Scale;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WeChatAccessToken))]
internal sealed partial class ScaleJson : JsonSerializerContext;
