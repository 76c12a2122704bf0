using System.Text.Json;
using System.Text.Json.Serialization;

namespace CitizenBot.Channels.Activities;

/// <summary>An entry of <c>activity.entities</c>: a type and free-form properties.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
