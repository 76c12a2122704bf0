using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>What <see cref="Runtime.DialogContext.ChangeOfSubject"/> may hold besides an intent.</summary>
internal static class ChangeOfSubject
{
    /// <summary>Nothing to set aside: the message is routed as if no flow had been active.</summary>
    public const string RouteAfresh = "*";

    /// <summary>The citizen said none of the offered choices was meant: the menu.</summary>
    public const string ShowMenu = "menu";

    /// <summary>Shorter messages are answers to the question, not a new matter.</summary>
    private const int MinLength = 4;

    private static readonly HashSet<string> Subjects =
        [Intents.Legal, Intents.Human, Intents.MyData, Intents.Status, Intents.Mediation, Intents.Report, Intents.GridWorker];

    /// <summary>
    /// The matter a message at a question is about when it is clearly another one than the flow's (by the
    /// understanding model, at its interruption threshold); null when it may well be an answer.
    /// </summary>
    public static string? In(DialogContext dc)
    {
        var model = dc.Understanding.Model;
        // Numbers (a ticket or booking number, a phone) are answers to a question, whatever else the words suggest.
        if (dc.MatchKey.Length < MinLength || dc.MatchKey.Count(char.IsAsciiDigit) >= MinLength
            || model.Intent is not { } intent || !model.IsSure || model.IntentProbability < model.Thresholds.Interruption)
        {
            return null;
        }

        return Subjects.Contains(intent) && !string.Equals(intent, dc.RootIntent, StringComparison.Ordinal) ? intent : null;
    }
}
