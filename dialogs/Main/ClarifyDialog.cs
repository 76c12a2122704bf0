using System.Globalization;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Flows;

namespace CitizenBot.Dialogs.Main;

/// <summary>One thing the citizen may have meant: a flow (by its menu intent), with a report category or none.</summary>
internal sealed record ClarifyOffer(string Intent, string? Detail, string Title, string Phrase);

/// <summary>The message that was not clear enough, the choices offered for it, and a lead line (the greeting).</summary>
internal sealed record ClarifyState(string Text, IReadOnlyList<ClarifyOffer> Offers, string? Lead = null);

/// <summary>
/// "您是想上报“消防/安全隐患”，还是“机动车乱停放”？" with the likeliest choices as buttons and "都不是". A choice begins its
/// flow with the original message; anything else typed is understood afresh, as if nothing had been asked.
/// </summary>
internal sealed class ClarifyDialog(IEnumerable<MenuEntry> entries) : Dialog(DialogId)
{
    public const string DialogId = "Clarify";

    private readonly IReadOnlyList<MenuEntry> _entries = [.. entries];

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var state = options as ClarifyState ?? throw new ArgumentException($"{DialogId} needs a {nameof(ClarifyState)}.", nameof(options));
        dc.ActiveInstance!.State = DialogJson.ToObject(state);
        Ask(dc, state);
        return Task.FromResult(DialogTurnResult.Waiting);
    }

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var state = DialogJson.FromObject<ClarifyState>(dc.ActiveInstance!.State);
        var choices = state.Offers.Select(o => new Choice(o.Title)).Append(new Choice(Texts.ClarifyNone, ["都不对", "不是"])).ToList();
        var found = ChoiceRecognizer.Recognize(dc.MatchKey, choices);
        await dc.CancelDialogsAboveAsync(dc.Stack.Count - 1, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            // Not one of the buttons: whatever the citizen wrote now is understood on its own.
            dc.ChangeOfSubject = ChangeOfSubject.RouteAfresh;
            return DialogTurnResult.Empty;
        }

        var offer = found.Value!.Index < state.Offers.Count ? state.Offers[found.Value.Index] : null;
        if (offer is null || _entries.FirstOrDefault(e => e.Intent == offer.Intent) is not { } entry)
        {
            // 都不是: the menu, where the citizen can pick or say it another way.
            dc.ChangeOfSubject = ChangeOfSubject.ShowMenu;
            return DialogTurnResult.Empty;
        }

        return await dc.BeginDialogAsync(entry.DialogId, new FlowStart(state.Text, offer.Detail), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The buttons: "法律咨询" tapped here begins the consultation with the message that was unclear, not afresh.</summary>
    public override IReadOnlyList<string> OfferedAnswers(DialogInstance instance)
    {
        var state = DialogJson.FromJson<ClarifyState>(instance);
        return [.. state.Offers.Select(o => o.Title), Texts.ClarifyNone];
    }

    public override Task RepromptAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken)
    {
        Ask(dc, DialogJson.FromJson<ClarifyState>(instance) with { Lead = null });
        return Task.CompletedTask;
    }

    private static void Ask(DialogContext dc, ClarifyState state)
    {
        var titles = state.Offers.Select(o => o.Phrase).ToList();
        var question = titles.Count == 1
            ? string.Format(CultureInfo.CurrentCulture, Texts.ClarifyOne, titles[0])
            : string.Format(CultureInfo.CurrentCulture, Texts.ClarifyMany, string.Join(Texts.ClarifyOr, titles));
        var text = state.Lead is null ? question : state.Lead + "\n" + question;
        dc.SendChoices(text, [.. state.Offers.Select(o => o.Title), Texts.ClarifyNone]);
    }
}
