using System.Globalization;
using System.Text;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Flows;

namespace CitizenBot.Dialogs.Status;

/// <summary>
/// 我的上报: the citizen's own tickets, one chosen with its history and answer time, then what can be done with it: an
/// open one urged (催办) or withdrawn (撤回), an answered one rated or reopened (不满意 → 重办). A command of a button
/// ("评价 / 催办 / 撤回 / 重办 &lt;number&gt;") or the same wish in words with a ticket number starts at that action;
/// the wish without a number lists the tickets first.
/// </summary>
internal sealed class StatusDialog : WaterfallDialog<StatusState>
{
    public const string DialogId = "Status";
    public const int MaxListed = 10;

    /// <summary>How many of the citizen's tickets are searched for the number of a command.</summary>
    private const int MaxSearched = 50;

    private const string TicketListPromptId = "StatusTicketList";

    /// <summary>The listed address is cut here: enough to tell tickets apart, short enough for a button.</summary>
    private const int MaxListedAddress = 12;

    /// <summary>The answer at the list that names a wish but not which of several tickets: the wish is kept and the list asked again.</summary>
    private const int WishWithoutTicket = -1;

    private readonly IReportDesk _desk;
    private readonly ITicketLifecycle _lifecycle;

    public StatusDialog(IReportDesk desk, ITicketRating rating, ITicketLifecycle lifecycle)
        : base(DialogId)
    {
        _desk = desk;
        _lifecycle = lifecycle;
        AddDialog(new ChoicePrompt(TicketListPromptId, readSentence: ReadWishAtTheList));
        var reopen = AddDialog(new ReopenTicketDialog(lifecycle, desk));
        AddDialog(new RateTicketDialog(rating, reopen));
        AddDialog(new WithdrawTicketDialog(lifecycle));
        AddSteps(ListStepAsync, DetailStepAsync, ActStepAsync);
    }

    public override async Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var text = options is FlowStart start ? ChineseText.Normalize(start.Text) : dc.Text;
        var (action, number) = TicketCommand.TryRead(text) is { } command
            ? (command.Action, command.Number)
            : (TicketCommand.ActionIn(text), TicketCommand.NumberIn(text));
        var typed = options is FlowStart said ? said.Text : dc.Activity.Text ?? string.Empty;
        var state = new StatusState { Action = action, Reason = action is { } wish ? TicketCommand.ReasonIn(typed, wish) : null };
        if (number is not null)
        {
            var mine = await _desk.ListMineAsync(Reporters.From(dc.Activity), MaxSearched, cancellationToken).ConfigureAwait(false);
            if (mine.FirstOrDefault(t => string.Equals(t.Number, number, StringComparison.OrdinalIgnoreCase)) is { } ticket)
            {
                var actNow = action is { } wanted && CanStart(dc, wanted, ticket);
                state = state with { TicketId = ticket.TicketId, Number = ticket.Number, ActNow = actNow, Action = actNow ? action : null };
            }
            else
            {
                // Only the citizen's own tickets; a number of someone else's is "not found", nothing more.
                dc.SendText(Format(Texts.StatusRateNotFound, number));
                state = state with { Action = null };
            }
        }

        return await base.BeginAsync(dc, state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ListStepAsync(WaterfallStepContext<StatusState> step, CancellationToken cancellationToken)
    {
        if (step.Answer is FoundChoice choice)
        {
            // "不用修了，已经有人修好了" at the list: that wish, on the ticket picked (the only one, or the next answer).
            step.State = choice.BySentence ? WithWish(step.State, step.Context.Activity.Text ?? string.Empty) : step.State;
            if (choice.Index != WishWithoutTicket)
            {
                step.State = step.State with { TicketId = step.State.ListedTicketIds[choice.Index] };
                return await step.NextAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (step.State.TicketId is not null && !step.HasAnswer && step.State.ListedTicketIds.Count == 0)
        {
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        var tickets = await _desk.ListMineAsync(Reporters.From(step.Context.Activity), MaxListed, cancellationToken).ConfigureAwait(false);
        if (tickets.Count == 0)
        {
            step.Context.SendText(Texts.StatusNone);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        step.State = step.State with { ListedTicketIds = [.. tickets.Select(t => t.TicketId)], TicketId = null, ActNow = false };
        var prompt = step.State.Action is null
            ? string.Format(CultureInfo.CurrentCulture, Texts.StatusList, tickets.Count)
            : Texts.StatusPickTicket;
        return await step.BeginDialogAsync(
            TicketListPromptId,
            new PromptOptions
            {
                Prompt = prompt,
                Help = Texts.StatusHelpList,
                Choices = [.. tickets.Select(t => new Choice(ListLine(t), [t.Number]))],
                List = new ChoiceList([.. tickets.Select(t => new ChoiceListItem(
                    t.Number + " " + What(t),
                    ListDetail(t),
                    t.Status.Display(),
                    TicketTimelineView.BadgeColor(t.Status)))]),
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> DetailStepAsync(WaterfallStepContext<StatusState> step, CancellationToken cancellationToken)
    {
        if (step.Answer is FoundChoice chosen)
        {
            var action = step.State.Offered[chosen.Index];
            var reason = action is { } wish ? TicketCommand.ReasonIn(step.Context.Activity.Text ?? string.Empty, wish) : null;
            step.State = step.State with { Action = action, Reason = reason };
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        if (step.State.ActNow)
        {
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        var ticket = await FindMineAsync(step, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            step.Context.SendText(Texts.StatusGone);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        step.State = step.State with { Number = ticket.Number };
        // Chosen from the list after asking for an action in words ("怎么还没人管"): that action, on this ticket.
        if (step.State.Action is { } wanted && CanStart(step.Context, wanted, ticket))
        {
            step.State = step.State with { ActNow = true };
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        step.Context.SendCard(DetailView(ticket).ToReply());
        var offers = TicketStage.Offers(ticket);
        if (offers.Count == 0)
        {
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        step.State = step.State with { Offered = offers, Action = null };
        return await step.BeginDialogAsync(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = !TicketStage.IsAnswered(ticket) ? Texts.StatusOfferActionsOpen
                    : offers.Contains(TicketAction.Rate) ? Texts.StatusOfferActionsAnswered
                    : Texts.StatusOfferReopenOnly,
                Choices = [.. offers.Select(o => new Choice(TicketStage.Title(o), Synonyms(o)))],
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ActStepAsync(WaterfallStepContext<StatusState> step, CancellationToken cancellationToken)
    {
        if (step.HasAnswer)
        {
            // The rating, 撤回 or 重办 begun here has ended.
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        var ticket = await FindMineAsync(step, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            step.Context.SendText(Texts.StatusGone);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        var request = new TicketRequestState { TicketId = ticket.TicketId, Number = ticket.Number, Status = ticket.Status.Display(), Reason = step.State.Reason };
        switch (step.State.Action)
        {
            case TicketAction.Rate:
                var rating = new RatingState { TicketId = ticket.TicketId, Number = ticket.Number, CanReopen = TicketStage.CanReopen(ticket) };
                return await step.BeginDialogAsync(RateTicketDialog.DialogId, rating, cancellationToken).ConfigureAwait(false);
            case TicketAction.Withdraw:
                return await step.BeginDialogAsync(WithdrawTicketDialog.DialogId, request, cancellationToken).ConfigureAwait(false);
            case TicketAction.Reopen:
                return await step.BeginDialogAsync(ReopenTicketDialog.DialogId, request, cancellationToken).ConfigureAwait(false);
            case TicketAction.Urge:
                var urged = await _lifecycle.UrgeAsync(Reporters.From(step.Context.Activity), ticket.TicketId, cancellationToken).ConfigureAwait(false);
                step.Context.SendText(UrgeReply(ticket, urged));
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
            default:
                step.Context.SendText(TicketStage.IsAnswered(ticket) ? Texts.StatusRateLater : Texts.StatusActionLater);
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A wish in words at the list of tickets (催办, 撤回, 不满意 without a number): the only ticket listed is the one meant;
    /// of several, the citizen is asked to pick one by its number.
    /// </summary>
    private static PromptRecognition<FoundChoice>? ReadWishAtTheList(DialogContext dc, IReadOnlyList<Choice> choices) =>
        TicketCommand.ActionIn(dc.Text) is null ? null
            : PromptRecognition<FoundChoice>.Success(choices.Count == 1
                ? new FoundChoice(0, choices[0].Value, BySentence: true)
                : new FoundChoice(WishWithoutTicket, string.Empty, BySentence: true));

    private static StatusState WithWish(StatusState state, string text) =>
        TicketCommand.ActionIn(text) is { } wish ? state with { Action = wish, Reason = TicketCommand.ReasonIn(text, wish) } : state;

    /// <summary>
    /// Whether a wish can be acted on for this ticket; if not, says why (nothing is asked for what cannot be done) and
    /// the ticket's details follow. 催办 goes to the port even when too early: its answer says from when.
    /// </summary>
    private static bool CanStart(DialogContext dc, TicketAction action, TicketSummary ticket)
    {
        string? refusal = action switch
        {
            TicketAction.Rate when !TicketStage.IsAnswered(ticket) => Texts.RatingNotYetResolved,
            TicketAction.Rate when TicketStage.RatedThisRound(ticket) => Texts.RatingAlreadyRated,
            TicketAction.Reopen when TicketStage.Reopened(ticket) => Format(Texts.ReopenAlready, ticket.Number),
            TicketAction.Reopen when !TicketStage.IsAnswered(ticket) => Format(Texts.ReopenNotAnswered, ticket.Number),
            TicketAction.Urge or TicketAction.Withdraw when !TicketStage.IsOpen(ticket) => Format(Texts.TicketActionFinished, ticket.Number, ticket.Status.Display()),
            TicketAction.Withdraw when TicketStage.WithdrawalRequested(ticket) => Format(Texts.WithdrawAlreadyRequested, ticket.Number),
            _ => null,
        };
        if (refusal is null)
        {
            return true;
        }

        dc.SendText(refusal);
        return false;
    }

    private static string UrgeReply(TicketSummary ticket, UrgeResult result) => result.Outcome switch
    {
        UrgeOutcome.Recorded => Format(Texts.UrgeRecorded, ticket.Number),
        UrgeOutcome.TooEarly => Format(
            Texts.UrgeTooEarly, ticket.Number, result.DueAt is { } due ? TicketDisplay.DueLine(due) : ticket.Status.Display(), TicketDisplay.Due(result.AllowedFrom ?? ticket.CreatedAt)),
        UrgeOutcome.AlreadyToday => Format(Texts.UrgeAlreadyToday, ticket.Number, TicketDisplay.Due(result.AllowedFrom ?? ticket.CreatedAt)),
        UrgeOutcome.Finished => Format(Texts.TicketActionFinished, ticket.Number, ticket.Status.Display()),
        _ => Format(Texts.StatusRateNotFound, ticket.Number),
    };

    private async Task<TicketSummary?> FindMineAsync(WaterfallStepContext<StatusState> step, CancellationToken cancellationToken)
    {
        var mine = await _desk.ListMineAsync(Reporters.From(step.Context.Activity), MaxSearched, cancellationToken).ConfigureAwait(false);
        return mine.FirstOrDefault(t => string.Equals(t.TicketId, step.State.TicketId, StringComparison.Ordinal));
    }

    // The wish in words picks its action too ("已经修好了，不用来了" is 撤回, not 不用了): the longest word found wins.
    private static IReadOnlyList<string>? Synonyms(TicketAction? action) => action switch
    {
        TicketAction.Reopen => ["重办", .. Vocabulary.Default.Reopen],
        TicketAction.Urge => ["催", .. Vocabulary.Default.Urge],
        TicketAction.Withdraw => [.. Vocabulary.Default.Withdraw],
        TicketAction.Rate => ["评价", "好评", "满意", "打分", "一般", "还行", "凑合", "挺好", "不错", "太慢", "拖了"],
        null => ["不用", "算了", "没有"],
        _ => null,
    };

    private static string ListLine(TicketSummary ticket) => ticket.DueAt is { } due && TicketStage.IsOpen(ticket)
        ? Format(Texts.StatusListLineDue, ticket.Number, What(ticket), ticket.Status.Display(), TicketDisplay.Time(LastUpdate(ticket)), TicketDisplay.Due(due))
        : Format(Texts.StatusListLine, ticket.Number, What(ticket), ticket.Status.Display(), TicketDisplay.Time(LastUpdate(ticket)));

    /// <summary>The category and where: two street-light tickets are told apart by their places ("公园那个").</summary>
    private static string What(TicketSummary ticket) =>
        ticket.Address is { Length: > 0 } address
            ? ticket.CategoryName + "（" + (address.Length > MaxListedAddress ? TicketDisplay.Cap(address, MaxListedAddress) + "…" : address) + "）"
            : ticket.CategoryName;

    /// <summary>Under each ticket of the list card: the answer time while it is open, and when it last changed.</summary>
    private static string ListDetail(TicketSummary ticket) => ticket.DueAt is { } due && TicketStage.IsOpen(ticket)
        ? Format(Texts.StatusListUpdatedDue, TicketDisplay.Time(LastUpdate(ticket)), TicketDisplay.Due(due))
        : Format(Texts.StatusListUpdated, TicketDisplay.Time(LastUpdate(ticket)));

    private static DateTimeOffset LastUpdate(TicketSummary ticket) =>
        ticket.History.Count == 0 ? ticket.CreatedAt : ticket.History.Max(e => e.At);

    private static TicketTimelineView DetailView(TicketSummary ticket)
    {
        var facts = new List<Fact> { new(Texts.CardTicketNumber, ticket.Number), new(Texts.CardCategory, ticket.CategoryName), new(Texts.CardStatus, ticket.Status.Display()) };
        if (ticket.DueAt is { } due && TicketStage.IsOpen(ticket))
        {
            facts.Add(new Fact(Texts.CardDue, Overdue(ticket) ? Format(Texts.CardDueOverdue, TicketDisplay.DueLine(due)) : TicketDisplay.DueLine(due)));
        }

        if (ticket.Address is { Length: > 0 } address)
        {
            facts.Add(new Fact(Texts.CardPlace, address));
        }

        return new TicketTimelineView(ticket.Number + " " + ticket.CategoryName, facts, ticket.History, Detail(ticket));
    }

    private static bool Overdue(TicketSummary ticket) => ticket.History.Any(e => e.Status == TicketStatus.Overdue);

    private static string Detail(TicketSummary ticket)
    {
        var text = new StringBuilder(Format(Texts.StatusDetail, ticket.Number, ticket.CategoryName, ticket.Status.Display()));
        if (ticket.DueAt is { } due && TicketStage.IsOpen(ticket))
        {
            text.Append('\n').Append(Overdue(ticket) ? Format(Texts.StatusDetailOverdue, TicketDisplay.DueLine(due)) : Format(Texts.StatusDetailDue, TicketDisplay.Due(due)));
        }

        if (ticket.Address is { Length: > 0 } address)
        {
            text.Append('\n').Append(Format(Texts.StatusDetailAddress, address));
        }

        text.Append('\n').Append(Texts.StatusHistory);
        foreach (var entry in ticket.History.OrderBy(e => e.At))
        {
            text.Append('\n').Append(TicketDisplay.Time(entry.At)).Append(' ').Append(entry.Status.Display());
            if (entry.Note is { Length: > 0 } note)
            {
                text.Append("：").Append(note);
            }
        }

        return text.ToString();
    }

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.CurrentCulture, format, values);
}
