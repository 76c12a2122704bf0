using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Main;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Interruptions;

/// <summary>
/// Serves 取消 / 返回 / 帮助 / 人工 / 返回主菜单 the same way at any step of any flow (the CancelAndHelpDialog idea,
/// done once for the whole stack instead of in a base class every flow must inherit).
/// </summary>
internal sealed class InterruptionHandler(MainFlow main, MainMenu menu, Safety.EmergencyFollowUp emergencies, IHumanHandoff handoff, IOptions<DialogsOptions> options)
{
    /// <summary>Handles the interruption; returns the turn's outcome (Complete when a flow ended through it).</summary>
    public async Task<DialogTurnResult> HandleAsync(DialogContext dc, Interruption interruption, CancellationToken cancellationToken)
    {
        switch (interruption)
        {
            case Interruption.Cancel when HumanCallbackDialog.IndexIn(dc.Stack) is { } callback:
                // 取消 at the call-back's question drops only the call-back: the hotline, then the flow goes on.
                return await LeaveCallbackWithHotlineAsync(dc, callback, cancellationToken).ConfigureAwait(false);

            case Interruption.Cancel when emergencies.StayingAfterSelfHarm(dc.State) is { } staying:
                // "算了，我就是说说" right after self-harm words: someone to stay with, not a form cancelled.
                dc.SendText(staying);
                return DialogTurnResult.Waiting;

            case Interruption.Cancel:
                // 取消 means the flow is not wanted: a flow parked by an emergency or a change of subject goes too.
                await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                Safety.ParkedFlow.Forget(dc.State);
                // "算了 调解取消吧" ends the step in progress, not a booking already made: said so, with the way to cancel it.
                dc.SendText(ChineseText.HoldsAny(dc.MatchKey, Vocabulary.Default.ManageBooking) ? Texts.CancelledBookingKept : Texts.Cancelled);
                main.OfferMore(dc);
                return new DialogTurnResult(DialogTurnStatus.Cancelled);

            case Interruption.Menu:
                await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                main.ShowMenu(dc, Texts.BackToMenu);
                return new DialogTurnResult(DialogTurnStatus.Cancelled);

            case Interruption.Back:
                return await GoBackAsync(dc, cancellationToken).ConfigureAwait(false);

            case Interruption.Restart:
                return await RestartAsync(dc, cancellationToken).ConfigureAwait(false);

            case Interruption.Help:
                dc.SendText(CurrentHelp(dc) ?? Texts.HelpGeneral);
                return await RepromptOrMenuAsync(dc, cancellationToken).ConfigureAwait(false);

            case Interruption.Human:
                return await HandOverAsync(dc, cancellationToken).ConfigureAwait(false);

            default:
                throw new ArgumentOutOfRangeException(nameof(interruption), interruption, "Only a recognised interruption can be handled.");
        }
    }

    private async Task<DialogTurnResult> HandOverAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        // 人工 again at the call-back's question (e.g. its way-out button): the hotline instead of asking once more.
        if (HumanCallbackDialog.IndexIn(dc.Stack) is { } callback)
        {
            return await LeaveCallbackWithHotlineAsync(dc, callback, cancellationToken).ConfigureAwait(false);
        }

        switch (await handoff.RequestAsync(ConversationReference.FromActivity(dc.Activity), cancellationToken).ConfigureAwait(false))
        {
            case HandoffOutcome.Transferred:
                // The person answers from here on; asking the flow's question again would talk over them.
                // The flow stays on the stack, so the citizen can go on with it after the person is done.
                dc.SendText(Texts.HumanTransferred);
                dc.SendEvent(HumanHotline.HandoffEventName);
                return DialogTurnResult.Waiting;

            case HandoffOutcome.Callback:
                return await dc.BeginDialogAsync(HumanCallbackDialog.DialogId, null, cancellationToken).ConfigureAwait(false);

            default:
                dc.SendText(HumanHotline.Text(options.Value));
                if (dc.ActiveInstance is not null)
                {
                    await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                }

                return DialogTurnResult.Waiting;
        }
    }

    private async Task<DialogTurnResult> LeaveCallbackWithHotlineAsync(DialogContext dc, int callback, CancellationToken cancellationToken)
    {
        dc.SendText(HumanHotline.Text(options.Value));
        var result = await HumanCallbackDialog.LeaveAsync(dc, callback, cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Complete)
        {
            main.OfferMore(dc);
        }

        return result;
    }

    private async Task<DialogTurnResult> GoBackAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        // The innermost dialog that has an earlier question takes the step back; whatever is above it (its prompt) goes.
        for (var i = dc.Stack.Count - 1; i >= 0; i--)
        {
            if (dc.Dialogs.Find(dc.Stack[i].Id) is { } dialog && dialog.CanGoBack(dc.Stack[i]))
            {
                await dc.CancelDialogsAboveAsync(i + 1, cancellationToken).ConfigureAwait(false);
                return await dialog.GoBackAsync(dc, cancellationToken).ConfigureAwait(false);
            }
        }

        var wasInFlow = dc.ActiveInstance is not null;
        await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        main.ShowMenu(dc, wasInFlow ? Texts.BackAtFirstStep : Texts.BackToMenu);
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>The menu flow nearest the top of the stack begins again; outside a flow, the menu.</summary>
    private async Task<DialogTurnResult> RestartAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var flow = dc.Stack.AsEnumerable().Reverse().Select(i => menu.Entries.FirstOrDefault(e => e.DialogId == i.Id)).FirstOrDefault(e => e is not null);
        await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        if (flow is null)
        {
            main.ShowMenu(dc, Texts.BackToMenu);
            return new DialogTurnResult(DialogTurnStatus.Cancelled);
        }

        dc.SendText(string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.Restarted, flow.Title));
        return await dc.BeginDialogAsync(flow.DialogId, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> RepromptOrMenuAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveInstance is null)
        {
            main.ShowMenu(dc, lead: null);
            return DialogTurnResult.Empty;
        }

        await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.Waiting;
    }

    private static string? CurrentHelp(DialogContext dc)
    {
        for (var i = dc.Stack.Count - 1; i >= 0; i--)
        {
            if (dc.Dialogs.Find(dc.Stack[i].Id)?.GetHelp(dc.Stack[i]) is { } help)
            {
                return help;
            }
        }

        return null;
    }
}
