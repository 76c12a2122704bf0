namespace CitizenBot.Dialogs.Understanding;

/// <summary>The intents of the understanding corpus (see <c>Understanding/corpus/LABELS.md</c>).</summary>
public static class Intents
{
    public const string Report = "report";
    public const string Legal = "legal";
    public const string Mediation = "mediation";
    public const string Status = "status";
    public const string GridWorker = "gridworker";
    public const string Human = "human";
    public const string MyData = "mydata";
    public const string OutOfScope = "outofscope";
    public const string Emergency = "emergency";

    /// <summary>Greeting, thanks and small talk: one intent (the bot answers and shows the menu), its kind as the detail.</summary>
    public const string Chat = "chat";

    /// <summary>The corpus's labels of the kinds of chat; each is the detail of <see cref="Chat"/>.</summary>
    public const string Greeting = "greeting";
    public const string Thanks = "thanks";
    public const string SmallTalk = "smalltalk";

    public static IReadOnlyList<string> All { get; } =
        [Report, Legal, Mediation, Status, GridWorker, Human, MyData, Chat, OutOfScope, Emergency];

    /// <summary>The intent a corpus label belongs to: the kinds of chat are <see cref="Chat"/>, the rest themselves.</summary>
    public static string GroupOf(string label) => label is Greeting or Thanks or SmallTalk ? Chat : label;
}

/// <summary>The safety labels: none, or the kind of emergency in progress (the names of <c>Safety/EmergencyKind</c> in snake case).</summary>
public static class SafetyLabels
{
    public const string None = "none";

    public static IReadOnlyList<string> Kinds { get; } =
    [
        "self_harm", "domestic_violence", "violence", "fire", "gas_leak", "explosion", "trapped", "traffic_injury",
        "drowning", "person_in_danger", "collapse", "disaster",
    ];
}

/// <summary>
/// The route model learns one label per message: the intent alone, or <c>intent:detail</c> for a report's category and a
/// legal question's topic, so one model gives the intent (the sum over its labels), the category and the topic.
/// </summary>
public static class RouteLabels
{
    private const char Separator = ':';

    public static string Of(string intent, string? category, string? topic) => intent switch
    {
        Intents.Greeting or Intents.Thanks or Intents.SmallTalk => Intents.Chat + Separator + intent,
        Intents.Report when !string.IsNullOrEmpty(category) => intent + Separator + category,
        Intents.Legal when !string.IsNullOrEmpty(topic) => intent + Separator + topic,
        _ => intent,
    };

    public static string IntentOf(string label)
    {
        var separator = label.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0 ? label : label[..separator];
    }

    public static string? DetailOf(string label)
    {
        var separator = label.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0 ? null : label[(separator + 1)..];
    }
}
