using System.Globalization;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Mediation;

/// <summary>One of the citizen's own bookings: its details, then 改期 (another free slot of the same body) or 取消预约.</summary>
internal sealed class ManageBookingDialog : WaterfallDialog<ManageBookingState>
{
    public const string DialogId = "MediationManage";

    private readonly IMediationDesk _desk;
    private readonly TimeProvider _time;

    public ManageBookingDialog(IMediationDesk desk, TimeProvider time, MediationSlotPrompt slotPrompt)
        : base(DialogId)
    {
        _desk = desk;
        _time = time;
        AddDialog(slotPrompt);
        AddSteps(ActionStepAsync, ChangeStepAsync);
    }

    private async Task<DialogTurnResult> ActionStepAsync(WaterfallStepContext<ManageBookingState> step, CancellationToken cancellationToken)
    {
        if (step.Answer is FoundChoice choice)
        {
            if (choice.Index == 2)
            {
                step.Context.SendText(Texts.MediationManageKept);
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
            }

            step.State = step.State with { Action = choice.Index == 0 ? BookingAction.Reschedule : BookingAction.Cancel };
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        if (await FindAsync(step, cancellationToken).ConfigureAwait(false) is not { } booking)
        {
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        var details = MediationDialog.Booked(booking, justMade: false) + "\n" + Format(Texts.MediationManageStatus, MediationDisplay.Status(booking.Status));
        step.Context.SendCard(new BookingView(booking, booking.DisputeTypeName, details).ToReply());
        return await step.BeginDialogAsync(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = Texts.MediationManageAsk,
                Choices = [new Choice(Texts.MediationReschedule, ["改时间", "换时间"]), new Choice(Texts.MediationCancel, ["取消调解", "不调解了"]), new Choice(Texts.MediationKeep, ["不变", "保留"])],
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ChangeStepAsync(WaterfallStepContext<ManageBookingState> step, CancellationToken cancellationToken)
    {
        switch (step.Answer)
        {
            case true:
                var cancelled = await _desk.CancelAsync(MediationDialog.CitizenOf(step.Context), step.State.BookingId, cancellationToken).ConfigureAwait(false);
                step.Context.SendText(cancelled.Outcome == BookingOutcome.Done ? Format(Texts.MediationCancelled, cancelled.Booking!.Number) : Texts.MediationNotChangeable);
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
            case false:
                step.Context.SendText(Texts.MediationManageKept);
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
            case SlotAnswer { Index: { } index }:
                return await RescheduleAsync(step, step.State.Slots[index], cancellationToken).ConfigureAwait(false);
        }

        if (step.State.Action == BookingAction.Cancel)
        {
            return await step.BeginDialogAsync(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = Texts.MediationConfirmCancel }, cancellationToken).ConfigureAwait(false);
        }

        if (await FindAsync(step, cancellationToken).ConfigureAwait(false) is not { } booking)
        {
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        // First offer, 更多时间, or a time in words.
        return await MediationSlotOffer.AskOrTakeAsync(
            step,
            ct => _desk.NextFreeSlotsAsync(booking.BodyId, booking.DisputeType, MediationSlotOffer.MaxSearched, ct),
            step.State.Slots,
            Texts.MediationAskNewSlot,
            _time,
            (state, offered) => state with { Slots = offered },
            (slot, ct) => RescheduleAsync(step, slot, ct),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> RescheduleAsync(WaterfallStepContext<ManageBookingState> step, MediationSlot slot, CancellationToken cancellationToken)
    {
        var result = await _desk.RescheduleAsync(MediationDialog.CitizenOf(step.Context), step.State.BookingId, slot.SlotId, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case BookingOutcome.Done:
                var b = result.Booking!;
                step.Context.SendText(Format(Texts.MediationRescheduled, b.Number, MediationDisplay.Period(b.Start, b.End), b.MediatorName, b.JoinUrl));
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
            case BookingOutcome.SlotTaken or BookingOutcome.SlotInvalid:
                var lead = result.Outcome == BookingOutcome.SlotTaken ? Texts.MediationSlotTaken : Texts.MediationSlotGone;
                return await MediationSlotOffer.OfferAsync(step, result.OtherSlots, lead, (state, offered) => state with { Slots = offered }, cancellationToken).ConfigureAwait(false);
            default:
                step.Context.SendText(Texts.MediationNotChangeable);
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MediationBooking?> FindAsync(WaterfallStepContext<ManageBookingState> step, CancellationToken cancellationToken)
    {
        var mine = await _desk.ListActiveAsync(MediationDialog.CitizenOf(step.Context), cancellationToken).ConfigureAwait(false);
        var booking = mine.FirstOrDefault(b => b.BookingId == step.State.BookingId);
        if (booking is null)
        {
            step.Context.SendText(Texts.MediationNotChangeable);
        }

        return booking;
    }

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
