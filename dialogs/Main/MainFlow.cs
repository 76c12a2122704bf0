using System.Text.Json.Nodes;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Main;

/// <summary>
/// What happens when no flow is active: the greeting, the menu, and routing a message to a flow by menu number,
/// menu title or the intent rules; otherwise "I did not understand" with the menu.
/// </summary>
internal sealed class MainFlow
{
    internal const string GreetingIntent = "greeting";
    internal const string ThanksIntent = "thanks";

    private const string GreetedKey = "greeted";

    private readonly MainMenu _menu;
    private readonly IntentRecognizer _recognizer;
    private readonly HashSet<string> _intents;

    public MainFlow(MainMenu menu, IntentRecognizer recognizer)
    {
        _menu = menu;
        _recognizer = recognizer;
        _intents = [.. menu.Entries.Select(e => e.Intent), GreetingIntent, ThanksIntent];
    }

    /// <summary>True once the conversation was greeted; marks it greeted.</summary>
    public static bool MarkGreeted(ConversationState state)
    {
        var greeted = state.Values[GreetedKey] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
        state.Values[GreetedKey] = true;
        return greeted;
    }

    public void Greet(DialogContext dc) => _menu.Send(dc, Texts.Greeting);

    public void ShowMenu(DialogContext dc, string? lead) => _menu.Send(dc, lead);

    /// <summary>After a flow ended: offer the menu again.</summary>
    public void OfferMore(DialogContext dc) => _menu.Send(dc, Texts.AnythingElse);

    private static bool CarriesMedia(DialogContext dc) =>
        dc.Activity.Attachments is { Count: > 0 } || dc.Activity.GetGeoCoordinates() is not null;

    /// <summary>Routes a message while no flow is active. <paramref name="firstContact"/>: greet in the same turn.</summary>
    public async Task RouteAsync(DialogContext dc, bool firstContact, CancellationToken cancellationToken)
    {
        var entry = _menu.Match(dc.MatchKey);
        var intent = entry is null ? _recognizer.Recognize(dc.MatchKey, _intents) : null;
        // A photo or a location is a report on its way, whatever words come with it (quick path); the flow reads them itself.
        if (CarriesMedia(dc) && _menu.Entries.FirstOrDefault(e => e.StartsOnMedia) is { } mediaEntry)
        {
            entry = mediaEntry;
        }

        entry ??= intent is null ? null : _menu.FindByIntent(intent);
        if (entry is not null)
        {
            if (firstContact)
            {
                dc.SendText(Texts.Greeting);
            }

            var result = await dc.BeginDialogAsync(entry.DialogId, null, cancellationToken).ConfigureAwait(false);
            if (result.Status == DialogTurnStatus.Complete)
            {
                OfferMore(dc);
            }

            return;
        }

        if (firstContact || intent == GreetingIntent)
        {
            Greet(dc);
        }
        else if (intent == ThanksIntent)
        {
            dc.SendText(Texts.Thanks);
        }
        else
        {
            ShowMenu(dc, Texts.NotUnderstood);
        }
    }
}
