using System.Globalization;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Interruptions;

/// <summary>
/// 人工 on a channel with a call-back desk (the web): asks for a mobile number, asks the center to call back
/// (a 求助 ticket with the conversation so far), says the ticket number and the hotline. It runs on top of whatever flow
/// the citizen was in and, when done, leaves that flow where it was instead of handing it a result.
/// </summary>
internal sealed class HumanCallbackDialog : WaterfallDialog<HumanCallbackState>
{
    public const string DialogId = "HumanCallback";

    private readonly IHumanHandoff _handoff;
    private readonly IOptions<DialogsOptions> _options;

    public HumanCallbackDialog(IHumanHandoff handoff, IOptions<DialogsOptions> options)
        : base(DialogId)
    {
        _handoff = handoff;
        _options = options;
        AddSteps(MobileStepAsync, RequestStepAsync);
    }

    /// <summary>Where the call-back sits on the stack, or null when it is not running.</summary>
    public static int? IndexIn(List<DialogInstance> stack)
    {
        var index = stack.FindIndex(i => string.Equals(i.Id, DialogId, StringComparison.Ordinal));
        return index < 0 ? null : index;
    }

    /// <summary>
    /// Ends the call-back (and its prompt) without resuming the flow below with a result it never asked for; that flow
    /// asks its question again, or, with nothing below, the turn is complete and Main offers more.
    /// </summary>
    public static async Task<DialogTurnResult> LeaveAsync(DialogContext dc, int index, CancellationToken cancellationToken)
    {
        await dc.CancelDialogsAboveAsync(index, cancellationToken).ConfigureAwait(false);
        if (dc.ActiveInstance is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Complete);
        }

        await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.Waiting;
    }

    private static Task<DialogTurnResult> MobileStepAsync(WaterfallStepContext<HumanCallbackState> step, CancellationToken cancellationToken) =>
        step.AskAsync<string>(
            PhonePrompt.DefaultId,
            new PromptOptions { Prompt = Texts.HumanCallbackAskMobile, Help = Texts.HumanCallbackHelp },
            (s, mobile) => s with { Mobile = mobile },
            cancellationToken);

    private async Task<DialogTurnResult> RequestStepAsync(WaterfallStepContext<HumanCallbackState> step, CancellationToken cancellationToken)
    {
        var dc = step.Context;
        var mobile = step.State.Mobile!;
        var number = await _handoff.RequestCallbackAsync(ConversationReference.FromActivity(dc.Activity), mobile, step.State.SubmissionId, cancellationToken).ConfigureAwait(false);
        dc.SendText(string.Format(
            CultureInfo.CurrentCulture, Texts.HumanCallbackRequested, TicketDisplay.MaskPhone(mobile), number, HumanHotline.Text(_options.Value)));
        return await LeaveAsync(dc, IndexIn(dc.Stack)!.Value, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The call-back's one answer (saved as JSON between turns).</summary>
internal sealed record HumanCallbackState
{
    public string? Mobile { get; init; }

    /// <summary>
    /// Fixed when the call-back starts and saved with every turn, so a turn that runs again after a crash (the ticket
    /// committed, the state not saved) asks for the same 求助 ticket and is told the same number.
    /// </summary>
    public string SubmissionId { get; init; } = ReportSubmission.NewSubmissionId();
}
