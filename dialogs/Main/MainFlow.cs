using System.Globalization;
using System.Text.Json.Nodes;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Privacy;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Understanding;
using CitizenBot.Dialogs.Flows;

namespace CitizenBot.Dialogs.Main;

/// <summary>
/// What happens when no flow is active: the greeting, the menu, and routing a message. A menu number or title picks its
/// flow; otherwise the understanding model decides: sure, the flow begins at once with what it understood (the greeting
/// folded in on a first message); unsure, the likeliest two or three choices are offered as buttons.
/// </summary>
internal sealed class MainFlow
{
    private const string GreetedKey = "greeted";

    /// <summary>A label this unlikely is not offered as a choice.</summary>
    private const float MinOfferedProbability = 0.08f;

    private const int MaxOffers = 3;

    private readonly MainMenu _menu;
    private readonly IReportDesk _reports;

    public MainFlow(MainMenu menu, IReportDesk reports)
    {
        _menu = menu;
        _reports = reports;
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
        var entry = _menu.Match(dc.MatchKey) ?? _menu.Entries.FirstOrDefault(e => e.Claims?.Invoke(dc.Text) == true);
        // A photo or a location is a report on its way, whatever words come with it (quick path); the flow reads them itself.
        if (CarriesMedia(dc) && _menu.Entries.FirstOrDefault(e => e.StartsOnMedia) is { } mediaEntry)
        {
            entry = mediaEntry;
        }

        if (entry is not null)
        {
            // A sentence that names the flow ("我要举报违建"), or a photo with words: the flow reads what else they say.
            var start = dc.Text.Length > 0 && !_menu.IsOnlyAPick(dc.MatchKey) ? new FlowStart(FlowStart.Words(dc), Detail: null) : null;
            await BeginAsync(dc, entry, start, firstContact, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A number that is not on the menu ("9" with five entries) is a slip, not a sentence to understand.
        if (ChoiceRecognizer.TryReadPick(dc.MatchKey, out var number) && _menu.Entries.Count > 0)
        {
            ShowMenu(dc, string.Format(CultureInfo.CurrentCulture, Texts.RetryChoiceOutOfRange, number, _menu.Entries.Count));
            return;
        }

        var understood = dc.Understanding.Model;
        if (understood.Intent is not { } intent)
        {
            // Nothing to read (a sticker, only emoji): the greeting or the menu.
            if (firstContact)
            {
                Greet(dc);
            }
            else
            {
                ShowMenu(dc, Texts.NotUnderstood);
            }

            return;
        }

        if (understood.IsSure && await TryActAsync(dc, intent, understood, firstContact, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // The models were unsure; the second judge (when configured) read it as one of the likely intents.
        if (dc.Understanding.SecondIntent is { } second && understood.ProbabilityOf(second) >= MinOfferedProbability
            && await TryActAsync(dc, second, understood, firstContact, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var offers = Offers(understood);
        if (offers.Count > 0)
        {
            await dc.BeginDialogAsync(
                ClarifyDialog.DialogId, new ClarifyState(FlowStart.Words(dc), offers, firstContact ? Texts.Greeting : null), cancellationToken).ConfigureAwait(false);
            return;
        }

        // Nothing to offer: the likeliest kind of chat gets its answer, with the menu.
        Chat(dc, intent, understood, firstContact);
    }

    /// <summary>Serves a matter the models read (a change of subject at a question), or routes the message when it cannot.</summary>
    public async Task ServeAsync(DialogContext dc, string intent, CancellationToken cancellationToken)
    {
        if (!await TryActAsync(dc, intent, dc.Understanding.Model, firstContact: false, cancellationToken).ConfigureAwait(false))
        {
            await RouteAsync(dc, firstContact: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryActAsync(DialogContext dc, string intent, MessageUnderstanding understood, bool firstContact, CancellationToken cancellationToken)
    {
        // "对方同意了没", "我约的调解改期": the state of a mediation booking, which the booking flow shows, not the tickets.
        if (intent == Intents.Status && ChineseText.HoldsAny(dc.MatchKey, Vocabulary.Default.ManageBooking))
        {
            intent = Intents.Mediation;
        }

        if (_menu.FindByIntent(intent) is { } entry)
        {
            var start = new FlowStart(FlowStart.Words(dc), understood.SureDetailOf(intent));
            await BeginAsync(dc, entry, start, firstContact, cancellationToken).ConfigureAwait(false);
            return true;
        }

        switch (intent)
        {
            case Intents.Chat or Intents.OutOfScope:
                Chat(dc, intent, understood, firstContact);
                return true;

            case Intents.MyData when PersonalDataCommands.AsksForErasure(dc.MatchKey):
                // "我想删除我的数据": straight to the erasure, which asks to confirm before anything is deleted.
                if (firstContact)
                {
                    dc.SendText(Texts.Greeting);
                }

                await dc.BeginDialogAsync(EraseMyDataDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
                return true;

            case Intents.MyData when Questions.IsQuestion(dc.Text):
                // "举报的话对方会知道是我吗": what is done with their data is answered, then what they can do about it.
                dc.SendChoices(WithGreeting(firstContact, Texts.MyDataPromise), [Texts.MyDataShowButton, Texts.MyDataEraseButton]);
                return true;

            case Intents.MyData:
                dc.SendChoices(WithGreeting(firstContact, Texts.MyDataWhich), [Texts.MyDataShowButton, Texts.MyDataEraseButton]);
                return true;

            default:
                // 人工 is served by the bot before routing; an emergency by the safety gate; anything else is offered.
                return false;
        }
    }

    private async Task BeginAsync(DialogContext dc, MenuEntry entry, FlowStart? options, bool firstContact, CancellationToken cancellationToken)
    {
        if (firstContact)
        {
            dc.SendText(Texts.Greeting);
        }

        var result = await dc.BeginDialogAsync(entry.DialogId, options, cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Complete)
        {
            OfferMore(dc);
        }
    }

    private void Chat(DialogContext dc, string intent, MessageUnderstanding understood, bool firstContact)
    {
        var kind = intent == Intents.Chat ? understood.DetailsOf(Intents.Chat).FirstOrDefault().Label : intent;
        switch (kind)
        {
            case Intents.Thanks:
                dc.SendText(WithGreeting(firstContact, Texts.Thanks));
                break;
            case Intents.SmallTalk:
                ShowMenu(dc, WithGreeting(firstContact, Texts.SmallTalk));
                break;
            case Intents.OutOfScope:
                ShowMenu(dc, WithGreeting(firstContact, Texts.OutOfScope));
                break;
            default:
                Greet(dc);
                break;
        }
    }

    private static string Format(string format, string value) => string.Format(CultureInfo.CurrentCulture, format, value);

    private static string WithGreeting(bool firstContact, string text) => firstContact ? Texts.Greeting + "\n" + text : text;

    /// <summary>The likeliest things the message may be about that the bot can start: report categories and flows.</summary>
    private List<ClarifyOffer> Offers(MessageUnderstanding understood)
    {
        var offers = new List<ClarifyOffer>();
        foreach (var route in understood.Routes)
        {
            if (offers.Count == MaxOffers || route.Probability < MinOfferedProbability)
            {
                break;
            }

            var intent = RouteLabels.IntentOf(route.Label);
            var detail = RouteLabels.DetailOf(route.Label);
            if (_menu.FindByIntent(intent) is not { } entry)
            {
                continue;
            }

            ClarifyOffer? offer = intent switch
            {
                Intents.Report when _reports.Categories.FirstOrDefault(c => c.Code == detail) is { } category =>
                    new ClarifyOffer(intent, detail, Format(Texts.ClarifyReportCategory, category.Name), Format(Texts.ClarifyReportCategory, category.Name)),
                Intents.Report => null,
                // The likeliest topic goes with the legal question, so the answer keeps to its statutes.
                Intents.Legal => new ClarifyOffer(intent, detail, entry.Title, Format(Texts.ClarifyFlow, entry.Title)),
                _ => new ClarifyOffer(intent, Detail: null, entry.Title, Format(Texts.ClarifyFlow, entry.Title)),
            };
            if (offer is not null && !offers.Exists(o => o.Title == offer.Title))
            {
                offers.Add(offer);
            }
        }

        return offers;
    }
}
