using System.Globalization;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Status;

/// <summary>
/// Rates a resolved ticket (回访): 满意 / 基本满意 / 不满意, resolved or not, an optional comment. A 不满意 or unsolved
/// rating of a ticket not yet reopened is followed by the offer to ask for 重办.
/// </summary>
internal sealed class RateTicketDialog : WaterfallDialog<RatingState>
{
    public const string DialogId = "RateTicket";
    public const int MaxCommentLength = 200;

    private const string CommentPromptId = "RatingComment";

    private readonly ITicketRating _rating;

    public RateTicketDialog(ITicketRating rating, ReopenTicketDialog reopen)
        : base(DialogId)
    {
        _rating = rating;
        AddDialog(new TextPrompt(CommentPromptId, maxLength: MaxCommentLength));
        AddDialog(reopen);
        AddSteps(SatisfactionStepAsync, ResolvedStepAsync, CommentStepAsync, SaveStepAsync, ReopenStepAsync);
    }

    private static Task<DialogTurnResult> SatisfactionStepAsync(WaterfallStepContext<RatingState> step, CancellationToken cancellationToken) =>
        step.AskAsync<FoundChoice>(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = string.Format(CultureInfo.CurrentCulture, Texts.RatingAskSatisfaction, step.State.Number),
                Choices =
                [
                    new Choice(Texts.RatingSatisfied),
                    new Choice(Texts.RatingBasicallySatisfied, ["一般", "还行", "还可以"]),
                    new Choice(Texts.RatingDissatisfied, ["不好", "差"]),
                ],
            },
            (s, choice) => s with { Satisfaction = (Satisfaction)choice.Index },
            cancellationToken);

    private static Task<DialogTurnResult> ResolvedStepAsync(WaterfallStepContext<RatingState> step, CancellationToken cancellationToken) =>
        step.AskAsync<bool>(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = Texts.RatingAskResolved }, (s, yes) => s with { Resolved = yes }, cancellationToken);

    private static Task<DialogTurnResult> CommentStepAsync(WaterfallStepContext<RatingState> step, CancellationToken cancellationToken) =>
        step.AskAsync<string>(
            CommentPromptId,
            new PromptOptions { Prompt = Texts.RatingAskComment, Buttons = [Texts.SkipButton] },
            (s, comment) => s with { Comment = Vocabulary.Default.Skip.Contains(ChineseText.ToMatchKey(comment)) ? null : comment },
            cancellationToken);

    private async Task<DialogTurnResult> SaveStepAsync(WaterfallStepContext<RatingState> step, CancellationToken cancellationToken)
    {
        if (step.HasAnswer)
        {
            // The answer to the 重办 offer.
            step.State = step.State with { ReopenOffered = step.Answer is true };
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        var s = step.State;
        var outcome = await _rating.RateAsync(
            Reporters.From(step.Context.Activity), s.TicketId, s.Satisfaction, s.Resolved, s.Comment, cancellationToken).ConfigureAwait(false);
        step.Context.SendText(outcome switch
        {
            RatingOutcome.Recorded => Texts.RatingRecorded,
            RatingOutcome.AlreadyRated => Texts.RatingAlreadyRated,
            RatingOutcome.NotYetResolved => Texts.RatingNotYetResolved,
            _ => Texts.RatingNotFound,
        });
        if (outcome != RatingOutcome.Recorded || !s.CanReopen || (s.Satisfaction != Satisfaction.Dissatisfied && s.Resolved))
        {
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        return await step.BeginDialogAsync(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = Texts.RatingOfferReopen }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DialogTurnResult> ReopenStepAsync(WaterfallStepContext<RatingState> step, CancellationToken cancellationToken)
    {
        if (step.HasAnswer)
        {
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!step.State.ReopenOffered)
        {
            step.Context.SendText(Texts.ReopenDeclined);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        var request = new TicketRequestState { TicketId = step.State.TicketId, Number = step.State.Number };
        return await step.BeginDialogAsync(ReopenTicketDialog.DialogId, request, cancellationToken).ConfigureAwait(false);
    }
}
