using System.Text.Json;
using System.Text.Json.Serialization;

namespace CitizenBot.Channels.Activities;

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];

    /// <summary>The actions a channel without buttons lists as numbered lines (those with a title), in order from 1.</summary>
    [JsonIgnore]
    public IReadOnlyList<CardAction> Listed => [.. Actions.Where(a => !string.IsNullOrWhiteSpace(a.Title))];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>
    /// What the numbers of a channel without buttons answer after <paramref name="activities"/> were shown: the listed
    /// options of the last message that lists any (what each sends back, from 1); empty when none lists options.
    /// </summary>
    public static IReadOnlyList<string> ListedOptions(IEnumerable<Activity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var last = activities.LastOrDefault(a => a.IsMessage && a.SuggestedActions is { Listed.Count: > 0 });
        return last is null ? [] : [.. last.SuggestedActions!.Listed.Select(a => a.SentBack ?? string.Empty)];
    }
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

    /// <summary>What the bot receives when the user picks this action: its string value, else its text, else its title.</summary>
    [JsonIgnore]
    public string? SentBack => Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : Text ?? Title;

    /// <summary>A button that sends its title back as the user's own visible message.</summary>
    public static CardAction ImBack(string title, string? value = null) => new()
    {
        Type = "imBack",
        Title = title,
        Value = JsonSerializer.SerializeToElement(value ?? title, ActivityJson.Context.String),
    };
}
