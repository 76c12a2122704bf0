using System.Globalization;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Dialogs.Status;

/// <summary>撤回: the reason, a confirmation, then the port withdraws the ticket here or asks the center to.</summary>
internal sealed class WithdrawTicketDialog : WaterfallDialog<TicketRequestState>
{
    public const string DialogId = "WithdrawTicket";
    public const int MaxReasonLength = 200;

    private const string ReasonPromptId = "WithdrawReason";

    private readonly ITicketLifecycle _lifecycle;

    public WithdrawTicketDialog(ITicketLifecycle lifecycle)
        : base(DialogId)
    {
        _lifecycle = lifecycle;
        // A short answer ("已经修好了"): a model's unsure alarm there gets one line of numbers, not the whole emergency answer.
        AddDialog(new TextPrompt(ReasonPromptId, maxLength: MaxReasonLength, bareAnswer: true));
        AddSteps(ReasonStepAsync, ConfirmStepAsync, SaveStepAsync);
    }

    private static Task<DialogTurnResult> ReasonStepAsync(WaterfallStepContext<TicketRequestState> step, CancellationToken cancellationToken) =>
        TicketRequestState.AskReasonAsync(step, ReasonPromptId, Format(Texts.WithdrawAskReason, step.State.Number), cancellationToken);

    private static Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<TicketRequestState> step, CancellationToken cancellationToken) =>
        step.AskAsync<bool>(
            ConfirmPrompt.DefaultId,
            new PromptOptions { Prompt = Format(Texts.WithdrawAskConfirm, step.State.Number) },
            (s, yes) => s with { Confirmed = yes },
            cancellationToken);

    private async Task<DialogTurnResult> SaveStepAsync(WaterfallStepContext<TicketRequestState> step, CancellationToken cancellationToken)
    {
        var s = step.State;
        if (!s.Confirmed)
        {
            step.Context.SendText(Format(Texts.WithdrawNotConfirmed, s.Number));
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        var outcome = await _lifecycle.WithdrawAsync(Reporters.From(step.Context.Activity), s.TicketId, s.Reason ?? string.Empty, cancellationToken)
            .ConfigureAwait(false);
        step.Context.SendText(outcome switch
        {
            WithdrawOutcome.Withdrawn => Format(Texts.WithdrawnLocal, s.Number),
            WithdrawOutcome.Requested => Format(Texts.WithdrawalRequested, s.Number),
            WithdrawOutcome.AlreadyRequested => Format(Texts.WithdrawAlreadyRequested, s.Number),
            WithdrawOutcome.Finished => Format(Texts.TicketActionFinished, s.Number, s.Status),
            _ => Format(Texts.StatusRateNotFound, s.Number),
        });
        return await step.EndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.CurrentCulture, format, values);
}

/// <summary>A 撤回 or 重办 in progress: which ticket, and the citizen's answers so far.</summary>
internal sealed record TicketRequestState
{
    public string TicketId { get; init; } = string.Empty;

    public string Number { get; init; } = string.Empty;

    /// <summary>The ticket's display status when the request began, for "already finished" answers.</summary>
    public string Status { get; init; } = string.Empty;

    public string? Reason { get; init; }

    public bool Confirmed { get; init; }

    public string? PhotoId { get; init; }

    /// <summary>The reason step of 撤回 and 重办: asked, unless the words that asked for it said why.</summary>
    public static Task<DialogTurnResult> AskReasonAsync(
        WaterfallStepContext<TicketRequestState> step, string promptId, string prompt, CancellationToken cancellationToken) =>
        !step.HasAnswer && step.State.Reason is not null
            ? step.NextAsync(cancellationToken)
            : step.AskAsync<string>(promptId, new PromptOptions { Prompt = prompt }, (s, reason) => s with { Reason = reason }, cancellationToken);
}
