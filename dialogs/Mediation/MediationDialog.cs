using System.Globalization;
using System.Text;
using CitizenBot.Dialogs.Flows;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Mediation;

/// <summary>
/// 预约调解: the citizen's own bookings first (to change one), else dispute type → short facts →
/// applicant → other party → mediation body → free slot → consent to online mediation → booking number, join link and
/// the invitation for the other party. A slot taken meanwhile is answered with other free slots, never a double booking.
/// </summary>
internal sealed class MediationDialog : WaterfallDialog<MediationState>
{
    public const string DialogId = "Mediation";
    public const int MaxFactsLength = 300;
    public const int MaxNameLength = 20;

    /// <summary>A starting message this long (match key) tells what happened, beyond asking for mediation.</summary>
    private const int MinFactsLength = 16;

    private const string FactsPromptId = "MediationFacts";
    private const string NamePromptId = "MediationName";
    private const string OtherNamePromptId = "MediationOtherName";
    private const string OtherContactPromptId = "MediationOtherContact";

    private readonly IMediationDesk _desk;
    private readonly TimeProvider _time;

    public MediationDialog(IMediationDesk desk, TimeProvider time)
        : base(DialogId)
    {
        _desk = desk;
        _time = time;
        var slotPrompt = AddDialog(new MediationSlotPrompt(time));
        AddDialog(new TextPrompt(FactsPromptId, maxLength: MaxFactsLength));
        AddDialog(new NamePrompt(NamePromptId, MaxNameLength, Texts.RetryPersonName));
        AddDialog(new NamePrompt(OtherNamePromptId, MaxNameLength, Texts.MediationRetryOtherName));
        AddDialog(new TextPrompt(OtherContactPromptId, validator: ValidateOtherContactAsync, bareAnswer: true));
        AddDialog(new ManageBookingDialog(desk, time, slotPrompt));
        AddSteps(
            MineStepAsync,
            DisputeTypeStepAsync,
            FactsStepAsync,
            ApplicantNameStepAsync,
            ApplicantPhoneStepAsync,
            OtherNameStepAsync,
            OtherContactStepAsync,
            BodyStepAsync,
            SlotStepAsync,
            ConsentStepAsync,
            SubmitStepAsync);
    }

    /// <summary>
    /// Fills in what the starting message carries: the dispute type when the understanding model makes it clear, and the
    /// message as the facts when it tells them ("我要调解 我在厂里干了半年 老板一直拖着工资不发…").
    /// </summary>
    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var state = new MediationState
        {
            AskedAboutABooking = ChineseText.HoldsAny(ChineseText.ToMatchKey((options as FlowStart)?.Text ?? FlowStart.Words(dc)), Vocabulary.Default.ManageBooking),
        };

        // Only the turn's own words were read by the models (a flow begun later from a button carries older words).
        if (options is FlowStart start && string.Equals(start.Text, FlowStart.Words(dc), StringComparison.Ordinal)
            && DisputeTypeIn(dc) is { } index)
        {
            state = state with { DisputeType = _desk.DisputeTypes[index].Code, DisputeTypeGiven = true };
            var text = start.Text.Trim();
            if (dc.MatchKey.Length >= MinFactsLength && text.Length <= MaxFactsLength)
            {
                state = state with { Facts = text, FactsGiven = true };
            }
        }

        return base.BeginAsync(dc, state, cancellationToken);
    }

    public static MediationCitizen CitizenOf(DialogContext dc) =>
        new(dc.Activity.ChannelId ?? string.Empty, dc.Activity.From?.Id ?? string.Empty, dc.Activity.Conversation?.Id ?? string.Empty);

    private async Task<DialogTurnResult> MineStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken)
    {
        if (step.State.Managing)
        {
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (step.Answer is FoundChoice choice)
        {
            if (choice.Index >= step.State.ListedBookingIds.Count)
            {
                return await step.NextAsync(cancellationToken).ConfigureAwait(false);
            }

            step.State = step.State with { Managing = true };
            var manage = new ManageBookingState { BookingId = step.State.ListedBookingIds[choice.Index] };
            return await step.BeginDialogAsync(ManageBookingDialog.DialogId, manage, cancellationToken).ConfigureAwait(false);
        }

        var mine = await _desk.ListActiveAsync(CitizenOf(step.Context), cancellationToken).ConfigureAwait(false);
        if (mine.Count == 0 && step.State.AskedAboutABooking)
        {
            // "取消调解预约", "改到下周" with nothing booked: said so, not a new booking begun in their place.
            step.Context.SendChoices(Texts.MediationNoneToManage, [Texts.MediationNewBooking]);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (mine.Count == 0)
        {
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        step.State = step.State with { ListedBookingIds = [.. mine.Select(b => b.BookingId)] };
        var choices = mine.Select(b => new Choice(BookingLine(b), [b.Number])).Append(new Choice(Texts.MediationNewBooking, ["新预约", "预约"]));
        return await step.BeginDialogAsync(
            ChoicePrompt.DefaultId,
            new PromptOptions { Prompt = Format(Texts.MediationMine, mine.Count), Help = Texts.MediationHelpMine, Choices = [.. choices] },
            cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> DisputeTypeStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken)
    {
        if (!step.HasAnswer && step.State.DisputeTypeGiven
            && _desk.DisputeTypes.FirstOrDefault(t => t.Code == step.State.DisputeType) is { } given)
        {
            // Once: 返回 from a later question comes back here and asks.
            step.State = step.State with { DisputeTypeGiven = false };
            step.MarkAsked();
            step.Context.SendText(Format(step.State.FactsGiven ? Texts.MediationDisputeAndFactsUnderstood : Texts.MediationDisputeUnderstood, given.Name));
            return step.NextAsync(cancellationToken);
        }

        return step.AskAsync<FoundChoice>(
            ChoicePrompt.DefaultId,
            new PromptOptions { Prompt = Texts.MediationAskDisputeType, Help = Texts.MediationHelpDisputeType, Choices = DisputeChoices() },
            (s, choice) => s with { DisputeType = _desk.DisputeTypes[choice.Index].Code },
            cancellationToken);
    }

    /// <summary>The dispute type a sentence names, as the type question would read it ("跟邻居调解一下"); null when not clear.</summary>
    private int? DisputeTypeIn(DialogContext dc) =>
        ChoicePrompt.Read(dc, DisputeChoices()) is { Succeeded: true } read ? read.Value!.Index : null;

    private List<Choice> DisputeChoices() => [.. _desk.DisputeTypes.Select(t => new Choice(t.Name, t.Keywords, t.Understood))];

    private static Task<DialogTurnResult> FactsStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken)
    {
        if (!step.HasAnswer && step.State.FactsGiven)
        {
            step.State = step.State with { FactsGiven = false };
            return step.NextAsync(cancellationToken);
        }

        return step.AskAsync<string>(
            FactsPromptId,
            new PromptOptions { Prompt = Format(Texts.MediationAskFacts, MaxFactsLength), Help = Texts.MediationHelpFacts },
            (s, facts) => s with { Facts = facts },
            cancellationToken);
    }

    // "王芳 13800001111" answers the name and the phone at once.
    private static Task<DialogTurnResult> ApplicantNameStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken) =>
        step.AskAsync<string>(
            NamePromptId,
            new PromptOptions { Prompt = Texts.MediationAskApplicantName },
            (s, name) => s with { ApplicantName = name, ApplicantPhone = MobileNumber.Find(step.Context.Text) },
            cancellationToken);

    private static Task<DialogTurnResult> ApplicantPhoneStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken) =>
        step.HasAnswer || step.State.ApplicantPhone is null
            ? step.AskAsync<string>(PhonePrompt.DefaultId, new PromptOptions { Prompt = Texts.MediationAskApplicantPhone }, (s, phone) => s with { ApplicantPhone = phone }, cancellationToken)
            : step.NextAsync(cancellationToken);

    private static Task<DialogTurnResult> OtherNameStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken) =>
        step.AskAsync<string>(
            OtherNamePromptId,
            new PromptOptions { Prompt = Texts.MediationAskOtherName, Help = Texts.MediationHelpOtherParty },
            (s, name) => s with { OtherName = name },
            cancellationToken);

    private static Task<DialogTurnResult> OtherContactStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken) =>
        step.AskAsync<string>(
            OtherContactPromptId,
            new PromptOptions { Prompt = Texts.MediationAskOtherContact, RetryPrompt = Texts.MediationAskOtherContact, Help = Texts.MediationHelpOtherParty },
            (s, contact) => MediationContacts.FindMobile(contact) is { } phone
                ? s with { OtherPhone = phone, OtherWeChatId = null }
                : s with { OtherPhone = null, OtherWeChatId = MediationContacts.FindWeChatId(contact) ?? contact.Trim() },
            cancellationToken);

    private async Task<DialogTurnResult> BodyStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken)
    {
        if (step.Answer is FoundChoice choice)
        {
            step.State = step.State with { BodyId = step.State.BodyIds[choice.Index] };
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        var bodies = _desk.BodiesFor(step.State.DisputeType!);
        if (bodies.Count == 0)
        {
            step.Context.SendText(Texts.MediationNoBody + "\n" + Texts.MediationOtherWays);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        step.State = step.State with { BodyIds = [.. bodies.Select(b => b.BodyId)] };
        return await step.BeginDialogAsync(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = Texts.MediationAskBody,
                Help = string.Join('\n', bodies.Select(b => Format(Texts.MediationBodyDetail, b.Name, b.Kind, b.Address, b.FreeOfCharge ? Texts.MediationFree : Texts.MediationNotFree))),
                Choices = [.. bodies.Select(b => new Choice(b.Name))],
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SlotStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken)
    {
        if (step.Answer is SlotAnswer { Index: { } index })
        {
            step.State = step.State with { Slot = step.State.Slots[index] };
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OfferSlotsAsync(
            step,
            Texts.MediationAskSlot,
            (slot, ct) =>
            {
                step.State = step.State with { Slot = slot };
                return step.NextAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> OfferSlotsAsync(
        WaterfallStepContext<MediationState> step,
        string firstPrompt,
        Func<MediationSlot, CancellationToken, Task<DialogTurnResult>> take,
        CancellationToken cancellationToken) =>
        MediationSlotOffer.AskOrTakeAsync(
            step,
            ct => _desk.NextFreeSlotsAsync(step.State.BodyId!, step.State.DisputeType!, MediationSlotOffer.MaxSearched, ct),
            step.State.Slots,
            firstPrompt,
            _time,
            (state, offered) => state with { Slots = offered },
            take,
            cancellationToken);

    private Task<DialogTurnResult> ConsentStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken)
    {
        switch (step.Answer)
        {
            case SummaryAnswer { Confirmed: true }:
                return step.NextAsync(cancellationToken);
            case SummaryAnswer { Confirmed: false }:
                step.Context.SendText(Texts.MediationNoConsent + "\n" + Texts.MediationOtherWays);
                return step.EndAsync(cancellationToken);
            case SummaryAnswer { Part: { } part }:
                return AmendAsync(step, part, cancellationToken);
            case FoundChoice choice:
                return AmendAsync(step, choice.Index, cancellationToken);
            case SummaryAnswer:
                return step.BeginDialogAsync(ChoicePrompt.DefaultId, new PromptOptions { Prompt = Texts.AmendWhich, Choices = Parts }, cancellationToken);
        }

        return step.BeginDialogAsync(
            SummaryPrompt.DefaultId, new PromptOptions { Prompt = Summary(step.State), Help = Texts.MediationHelpConsent, Choices = Parts }, cancellationToken);
    }

    /// <summary>The parts of a booking that can be changed from its summary, in the summary's order (<see cref="SummaryPart"/>), with the words that name them.</summary>
    private static readonly Choice[] Parts =
    [
        new(Texts.MediationPartType, ["类型", "纠纷", "类别"]),
        new(Texts.MediationPartApplicant, ["申请人", "我的", "我电话", "我手机", "我名字", "我的名字"]),
        new(Texts.MediationPartOther, ["对方", "他的", "她的", "他电话", "她电话", "被申请人"]),
        new(Texts.MediationPartBody, ["调解组织", "组织", "机构", "调委会", "调解委员会", "地方"]),
        new(Texts.MediationPartSlot, ["时间", "日期", "几点", "哪天", "改天", "改期", "周", "星期", "上午", "下午", "明天", "后天"]),
    ];

    /// <summary>
    /// Asks one part again and comes back to the summary. A new dispute type may be heard by other bodies, so the body and
    /// the time are asked after it; a new body has its own times.
    /// </summary>
    private Task<DialogTurnResult> AmendAsync(WaterfallStepContext<MediationState> step, int index, CancellationToken cancellationToken)
    {
        var part = (SummaryPart)index;
        if (part is SummaryPart.Applicant or SummaryPart.Other && MobileNumber.Find(step.Context.Text) is { } phone)
        {
            // "对方号码写错了，应该是137…": the new number is in the message; nothing to ask.
            step.State = part == SummaryPart.Applicant ? step.State with { ApplicantPhone = phone } : step.State with { OtherPhone = phone, OtherWeChatId = null };
            step.Context.SendText(Format(Texts.AmendedPhone, MediationDisplay.MaskPhone(phone)));
            return step.RepeatAsync(cancellationToken);
        }

        step.Context.SendText(Format(Texts.Amending, Parts[index].Value));
        if (part == SummaryPart.DisputeType)
        {
            step.State = step.State with { DisputeTypeGiven = false };
        }

        return part switch
        {
            SummaryPart.DisputeType => step.AmendAsync(DisputeTypeStepAsync, DisputeTypeStepAsync, BodyStepAsync, cancellationToken),
            SummaryPart.Applicant => step.AmendAsync(ApplicantNameStepAsync, ApplicantPhoneStepAsync, ConsentStepAsync, cancellationToken),
            SummaryPart.Other => step.AmendAsync(OtherNameStepAsync, OtherContactStepAsync, ConsentStepAsync, cancellationToken),
            SummaryPart.Body => step.AmendAsync(BodyStepAsync, SlotStepAsync, ConsentStepAsync, cancellationToken),
            _ => step.AmendAsync(SlotStepAsync, SlotStepAsync, ConsentStepAsync, cancellationToken),
        };
    }

    /// <summary>The index of each part in <see cref="Parts"/>.</summary>
    private enum SummaryPart
    {
        DisputeType,
        Applicant,
        Other,
        Body,
        Slot,
    }

    private async Task<DialogTurnResult> SubmitStepAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken)
    {
        switch (step.Answer)
        {
            case SlotAnswer { Index: { } index }:
                step.State = step.State with { Slot = step.State.Slots[index] };
                break;
            case SlotAnswer:
                // 更多时间 or a time in words after "this slot was just taken".
                return await OfferSlotsAsync(
                    step,
                    Texts.MediationAskSlot,
                    (slot, ct) =>
                    {
                        step.State = step.State with { Slot = slot };
                        return BookAsync(step, ct);
                    },
                    cancellationToken).ConfigureAwait(false);
        }

        return await BookAsync(step, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> BookAsync(WaterfallStepContext<MediationState> step, CancellationToken cancellationToken)
    {
        var s = step.State;
        var request = new BookingRequest(
            CitizenOf(step.Context),
            s.Slot!.SlotId,
            s.DisputeType!,
            s.Facts!,
            new PartyContact(s.ApplicantName!, s.ApplicantPhone),
            new PartyContact(s.OtherName!, s.OtherPhone, s.OtherWeChatId),
            s.BodyId);
        var result = await _desk.BookAsync(request, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case BookingOutcome.Done:
                step.Context.SendCard(new BookingView(result.Booking!, Texts.CardBookingTitle, Booked(result.Booking!)).ToReply());
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
            case BookingOutcome.SlotTaken or BookingOutcome.SlotInvalid:
                var lead = result.Outcome == BookingOutcome.SlotTaken ? Texts.MediationSlotTaken : Texts.MediationSlotGone;
                return await MediationSlotOffer.OfferAsync(step, result.OtherSlots, lead, (state, offered) => state with { Slots = offered }, cancellationToken).ConfigureAwait(false);
            default:
                step.Context.SendText(Texts.MediationBookingFailed + "\n" + Texts.MediationOtherWays);
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static ValueTask<string?> ValidateOtherContactAsync(string text, CancellationToken cancellationToken)
    {
        if (MediationContacts.FindMobile(text) is not null || MediationContacts.FindWeChatId(text) is not null)
        {
            return ValueTask.FromResult<string?>(null);
        }

        // "不知道" / "没有他电话": the invitation needs a way to reach the other party, so say where to find one.
        var key = ChineseText.ToMatchKey(text);
        return ValueTask.FromResult<string?>(
            ChineseText.HoldsAny(key, Vocabulary.Default.Unknown) ? Texts.MediationOtherContactUnknown : Texts.MediationRetryOtherContact);
    }

    private string Summary(MediationState s)
    {
        var text = new StringBuilder(Texts.MediationSummaryTitle);
        text.Append('\n').Append(Format(Texts.MediationSummaryType, _desk.DisputeTypes.FirstOrDefault(t => t.Code == s.DisputeType)?.Name));
        text.Append('\n').Append(Format(Texts.MediationSummaryApplicant, s.ApplicantName, MediationDisplay.MaskPhone(s.ApplicantPhone ?? string.Empty)));
        text.Append('\n').Append(Format(Texts.MediationSummaryOther, s.OtherName, s.OtherPhone is { } phone ? MediationDisplay.MaskPhone(phone) : s.OtherWeChatId));
        var body = _desk.BodiesFor(s.DisputeType!).FirstOrDefault(b => b.BodyId == s.BodyId);
        text.Append('\n').Append(Format(Texts.MediationSummarySlot, body?.Name, MediationDisplay.SlotLine(s.Slot!)));
        text.Append('\n').Append(Texts.MediationConsent);
        return text.ToString();
    }

    /// <summary>The booking's details and links; headed "预约成功！" when it was just made, not when it is looked at later.</summary>
    internal static string Booked(MediationBooking b, bool justMade = true)
    {
        var text = new StringBuilder(justMade ? Texts.MediationBooked : Texts.MediationBookingViewed);
        text.Append('\n').Append(Format(Texts.MediationBookingDetails, b.Number, b.BodyName, MediationDisplay.Period(b.Start, b.End), b.MediatorName));
        text.Append('\n').Append(b.InvitationSent
            ? Format(Texts.MediationInvitationSent, MediationDisplay.Time(b.InvitationExpiresAt))
            : Format(Texts.MediationInvitationForward, b.InvitationUrl, MediationDisplay.Time(b.InvitationExpiresAt)));
        text.Append('\n').Append(Format(Texts.MediationJoinLinks, b.JoinUrl, b.QrUrl, b.IcsUrl));
        return text.ToString();
    }

    internal static string BookingLine(MediationBooking b) =>
        Format(Texts.MediationBookingLine, b.Number, b.DisputeTypeName, MediationDisplay.Period(b.Start, b.End), MediationDisplay.Status(b.Status));

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
