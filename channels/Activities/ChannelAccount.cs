using System.Text.Json;
using System.Text.Json.Serialization;

namespace CitizenBot.Channels.Activities;

public sealed class ChannelAccount
{
    public ChannelAccount() { }

    public ChannelAccount(string id, string? name = null, string? role = null)
    {
        Id = id;
        Name = name;
        Role = role;
    }

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? AadObjectId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class ConversationAccount
{
    public ConversationAccount() { }

    public ConversationAccount(string id) => Id = id;

    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
