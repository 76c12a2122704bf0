using System.Text.Json;
using System.Text.Json.Serialization;

namespace CitizenBot.Channels.Activities;

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class CardAction
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public JsonElement? Value { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public string? Image { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>A button that sends its title back as the user's own visible message.</summary>
    public static CardAction ImBack(string title, string? value = null) => new()
    {
        Type = "imBack",
        Title = title,
        Value = JsonSerializer.SerializeToElement(value ?? title, ActivityJson.Context.String),
    };
}
