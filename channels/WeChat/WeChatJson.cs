using System.Text.Json.Serialization;

namespace CitizenBot.Channels.WeChat;

/// <summary>Source-generated JSON for the small shapes the channel writes into activities.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class WeChatJson : JsonSerializerContext;
