using System.Globalization;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Dialogs.Safety;

/// <summary>
/// After the numbers, for a reportable hazard: offer an urgent ticket (urgency 紧急, pushed ahead of the queue) with
/// the category of the hazard and the citizen's words; if yes, only where it is, then the ticket number. Nothing else is
/// asked: the citizen should be calling, not typing.
/// </summary>
internal sealed class EmergencyReportDialog : WaterfallDialog<EmergencyReportState>
{
    public const string DialogId = "EmergencyReport";

    private readonly IReportDesk _desk;

    public EmergencyReportDialog(IReportDesk desk)
        : base(DialogId)
    {
        _desk = desk;
        AddSteps(OfferStepAsync, LocationStepAsync, SubmitStepAsync);
    }

    /// <summary>True when the alarm adds nothing to what this offer already answered.</summary>
    public static bool AlreadyAnswered(DialogInstance instance, Emergency emergency)
    {
        var state = DialogJson.FromJson<WaterfallProgress<EmergencyReportState>>(instance).State;
        return emergency.Kinds.All(state.Kinds.Contains);
    }

    private static readonly string[] YesWords = ["是", "好", "提交", "需要", "要"];

    private static readonly string[] NoWords = ["否", "不", "不用", "不需要", "算了"];

    /// <summary>
    /// True when the message answers the open question: at the offer, it is or opens with a yes or a no ("是，着火了"); at
    /// the address question, it holds a place or a location. Anything else said there is about the emergency.
    /// </summary>
    public static bool Answers(DialogInstance instance, DialogContext dc)
    {
        if (DialogJson.FromJson<WaterfallProgress<EmergencyReportState>>(instance).Step == 0)
        {
            var opening = ChineseText.OpeningClauseKey(dc.Text);
            return YesWords.Concat(NoWords).Concat([ChineseText.ToMatchKey(Texts.EmergencyOfferTicketYes), ChineseText.ToMatchKey(Texts.EmergencyOfferTicketNo)])
                .Any(w => dc.MatchKey == w || opening == w);
        }

        return dc.Activity.GetGeoCoordinates() is not null || AddressInText.Find(dc.Text) is not null;
    }

    private static async Task<DialogTurnResult> OfferStepAsync(WaterfallStepContext<EmergencyReportState> step, CancellationToken cancellationToken)
    {
        if (!step.HasAnswer)
        {
            return await step.BeginDialogAsync(
                ChoicePrompt.DefaultId,
                new PromptOptions
                {
                    Prompt = Texts.EmergencyOfferTicket,
                    Choices = [new Choice(Texts.EmergencyOfferTicketYes, YesWords), new Choice(Texts.EmergencyOfferTicketNo, NoWords)],
                    // Whatever else is said here may be the danger growing: its numbers come before the question again.
                    RetryPrompt = step.State.Numbers.Count > 0
                        ? string.Format(CultureInfo.CurrentCulture, Texts.EmergencyOfferTicketRetry, EmergencyFollowUp.Labelled(step.State.Numbers))
                        : null,
                    Help = Texts.EmergencyOfferTicketHelp,
                },
                cancellationToken).ConfigureAwait(false);
        }

        if (step.Answer is FoundChoice { Index: 0 })
        {
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        step.Context.SendText(Texts.EmergencyTicketDeclined);
        return await step.EndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task<DialogTurnResult> LocationStepAsync(WaterfallStepContext<EmergencyReportState> step, CancellationToken cancellationToken)
    {
        if (step.State.Location is not null && !step.HasAnswer)
        {
            return step.NextAsync(cancellationToken);
        }

        // The place named in the alarm ("建设路菜场门口 电线杆歪了") and the place of the report it interrupted are one tap away.
        var earlier = EarlierButton(step.State);
        string[] buttons = [.. new[] { AddressInText.Find(step.State.Description), earlier }.OfType<string>().Distinct(StringComparer.Ordinal)];
        return step.AskAsync<LocationAnswer>(
            LocationPrompt.DefaultId,
            new PromptOptions { Prompt = Texts.EmergencyAskLocation, Buttons = buttons.Length == 0 ? null : buttons },
            (s, answer) => s with
            {
                Location = answer.Point is { } point ? ReportLocation.FromGeo(point)
                    : s.EarlierLocation is { } known && answer.Address == EarlierButton(s) ? known
                    : new ReportLocation(null, null, Address: answer.Address),
            },
            cancellationToken);
    }

    /// <summary>The button for the interrupted report's place: its address, or "刚才上报的位置" for a point without one.</summary>
    private static string? EarlierButton(EmergencyReportState state) =>
        state.EarlierLocation is not { } earlier ? null
        : string.IsNullOrWhiteSpace(earlier.Address) ? Texts.EmergencyEarlierPlaceButton
        : earlier.Address;

    private async Task<DialogTurnResult> SubmitStepAsync(WaterfallStepContext<EmergencyReportState> step, CancellationToken cancellationToken)
    {
        var s = step.State;
        var submission = new ReportSubmission(
            Reporters.From(step.Context.Activity),
            s.CategoryCode,
            s.Description,
            PhotoIds: [],
            s.Location ?? new ReportLocation(null, null),
            Anonymous: false,
            ContactName: null,
            ContactPhone: null,
            Urgency.Urgent,
            SubmissionId: s.SubmissionId);
        var receipt = await _desk.SubmitAsync(submission, cancellationToken).ConfigureAwait(false);
        step.Context.SendText(string.Format(CultureInfo.CurrentCulture, Texts.EmergencyTicketSubmitted, receipt.Number));
        return await step.EndAsync(cancellationToken).ConfigureAwait(false);
    }
}
