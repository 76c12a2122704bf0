using System.Globalization;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Status;

/// <summary>不满意 → 重办: what is still not solved, an optional photo of how it is now, then the port asks the center to reopen.</summary>
internal sealed class ReopenTicketDialog : WaterfallDialog<TicketRequestState>
{
    public const string DialogId = "ReopenTicket";
    public const int MaxReasonLength = 500;

    private const string ReasonPromptId = "ReopenReason";

    private readonly ITicketLifecycle _lifecycle;
    private readonly IReportDesk _desk;

    public ReopenTicketDialog(ITicketLifecycle lifecycle, IReportDesk desk)
        : base(DialogId)
    {
        _lifecycle = lifecycle;
        _desk = desk;
        AddDialog(new TextPrompt(ReasonPromptId, maxLength: MaxReasonLength));
        AddSteps(ReasonStepAsync, PhotoStepAsync, SaveStepAsync);
    }

    private static Task<DialogTurnResult> ReasonStepAsync(WaterfallStepContext<TicketRequestState> step, CancellationToken cancellationToken) =>
        TicketRequestState.AskReasonAsync(step, ReasonPromptId, Format(Texts.ReopenAskReason, step.State.Number), cancellationToken);

    private async Task<DialogTurnResult> PhotoStepAsync(WaterfallStepContext<TicketRequestState> step, CancellationToken cancellationToken)
    {
        if (!step.HasAnswer)
        {
            return await step.BeginDialogAsync(PhotoPrompt.DefaultId, new PromptOptions { Prompt = Texts.ReopenAskPhoto, Optional = true }, cancellationToken)
                .ConfigureAwait(false);
        }

        if (step.Answer is IReadOnlyList<Attachment> { Count: > 0 } photos)
        {
            var intake = await _desk.AcceptPhotoAsync(photos[0], Reporters.From(step.Context.Activity), cancellationToken).ConfigureAwait(false);
            if (intake.Accepted)
            {
                step.State = step.State with { PhotoId = intake.PhotoId };
            }
            else
            {
                step.Context.SendText(Texts.ReopenPhotoNotTaken);
            }
        }

        return await step.NextAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SaveStepAsync(WaterfallStepContext<TicketRequestState> step, CancellationToken cancellationToken)
    {
        var s = step.State;
        var outcome = await _lifecycle.ReopenAsync(Reporters.From(step.Context.Activity), s.TicketId, s.Reason ?? string.Empty, s.PhotoId, cancellationToken)
            .ConfigureAwait(false);
        step.Context.SendText(outcome switch
        {
            ReopenOutcome.Requested => Format(Texts.ReopenRequested, s.Number),
            ReopenOutcome.AlreadyReopened => Format(Texts.ReopenAlready, s.Number),
            ReopenOutcome.NotAnswered => Format(Texts.ReopenNotAnswered, s.Number),
            _ => Format(Texts.StatusRateNotFound, s.Number),
        });
        return await step.EndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.CurrentCulture, format, values);
}
