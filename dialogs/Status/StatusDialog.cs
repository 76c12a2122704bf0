using System.Globalization;
using System.Text;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Main;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Status;

/// <summary>
/// 我的上报: the citizen's own tickets, one chosen with its history, and for a resolved one the offer to rate it.
/// "评价 &lt;number&gt;" (a proactive message's button) starts at the rating of that ticket.
/// </summary>
internal sealed class StatusDialog : WaterfallDialog<StatusState>
{
    public const string DialogId = "Status";
    public const int MaxListed = 10;

    /// <summary>How many of the citizen's tickets are searched for the number of a "评价" button.</summary>
    private const int MaxSearched = 50;

    // Display statuses (port: TicketSummary.Status is display text): rated, and those after which a rating is asked for.
    private static string RatedStatus => Texts.TicketStatusRated;

    private static readonly HashSet<string> RatableStatuses = new(StringComparer.Ordinal) { Texts.TicketStatusResolved, Texts.TicketStatusClosed };

    private readonly IReportDesk _desk;

    public StatusDialog(IReportDesk desk, ITicketRating rating)
        : base(DialogId)
    {
        _desk = desk;
        AddDialog(new RateTicketDialog(rating));
        AddSteps(ListStepAsync, DetailStepAsync, RateStepAsync);
    }

    public override async Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var state = new StatusState();
        if (RateCommand.TryRead(options is FlowStart start ? ChineseText.Normalize(start.Text) : dc.Text) is { } number)
        {
            var mine = await _desk.ListMineAsync(Reporters.From(dc.Activity), MaxSearched, cancellationToken).ConfigureAwait(false);
            if (mine.FirstOrDefault(t => string.Equals(t.Number, number, StringComparison.OrdinalIgnoreCase)) is { } ticket)
            {
                var rateNow = IsRatable(ticket);
                if (!rateNow)
                {
                    dc.SendText(AlreadyRated(ticket) ? Texts.RatingAlreadyRated : Texts.RatingNotYetResolved);
                }

                state = state with { TicketId = ticket.TicketId, Number = ticket.Number, RateNow = rateNow };
            }
            else
            {
                // Only the citizen's own tickets can be rated; a number of someone else's is "not found", nothing more.
                dc.SendText(string.Format(CultureInfo.CurrentCulture, Texts.StatusRateNotFound, number));
            }
        }

        return await base.BeginAsync(dc, state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ListStepAsync(WaterfallStepContext<StatusState> step, CancellationToken cancellationToken)
    {
        if (step.Answer is FoundChoice choice)
        {
            step.State = step.State with { TicketId = step.State.ListedTicketIds[choice.Index] };
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
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

        step.State = step.State with { ListedTicketIds = [.. tickets.Select(t => t.TicketId)], TicketId = null, RateNow = false };
        return await step.BeginDialogAsync(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = string.Format(CultureInfo.CurrentCulture, Texts.StatusList, tickets.Count),
                Help = Texts.StatusHelpList,
                Choices = [.. tickets.Select(t => new Choice(ListLine(t), [t.Number]))],
                List = new ChoiceList([.. tickets.Select(t => new ChoiceListItem(
                    t.Number + " " + t.CategoryName,
                    string.Format(CultureInfo.CurrentCulture, Texts.StatusListUpdated, TicketDisplay.Time(LastUpdate(t))),
                    t.Status,
                    TicketTimelineView.BadgeColor(t.Status)))]),
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> DetailStepAsync(WaterfallStepContext<StatusState> step, CancellationToken cancellationToken)
    {
        switch (step.Answer)
        {
            case true:
                return await step.NextAsync(cancellationToken).ConfigureAwait(false);
            case false:
                step.Context.SendText(Texts.StatusRateLater);
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (step.State.RateNow)
        {
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        var mine = await _desk.ListMineAsync(Reporters.From(step.Context.Activity), MaxSearched, cancellationToken).ConfigureAwait(false);
        var ticket = mine.FirstOrDefault(t => string.Equals(t.TicketId, step.State.TicketId, StringComparison.Ordinal));
        if (ticket is null)
        {
            step.Context.SendText(Texts.StatusGone);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        step.State = step.State with { Number = ticket.Number };
        step.Context.SendCard(DetailView(ticket).ToReply());
        if (!IsRatable(ticket))
        {
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        return await step.BeginDialogAsync(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = Texts.StatusOfferRating }, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<DialogTurnResult> RateStepAsync(WaterfallStepContext<StatusState> step, CancellationToken cancellationToken)
    {
        if (step.HasAnswer)
        {
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        var rating = new RatingState { TicketId = step.State.TicketId!, Number = step.State.Number ?? string.Empty };
        return await step.BeginDialogAsync(RateTicketDialog.DialogId, rating, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsRatable(TicketSummary ticket) => RatableStatuses.Contains(ticket.Status) && !AlreadyRated(ticket);

    /// <summary>The desk writes a rating into the history (display status 已评价): no second rating is offered.</summary>
    private static bool AlreadyRated(TicketSummary ticket) => ticket.History.Any(e => string.Equals(e.Status, RatedStatus, StringComparison.Ordinal));

    private static string ListLine(TicketSummary ticket) =>
        string.Format(CultureInfo.CurrentCulture, Texts.StatusListLine, ticket.Number, ticket.CategoryName, ticket.Status, TicketDisplay.Time(LastUpdate(ticket)));

    private static DateTimeOffset LastUpdate(TicketSummary ticket) =>
        ticket.History.Count == 0 ? ticket.CreatedAt : ticket.History.Max(e => e.At);

    private static TicketTimelineView DetailView(TicketSummary ticket)
    {
        var facts = new List<Fact> { new(Texts.CardTicketNumber, ticket.Number), new(Texts.CardCategory, ticket.CategoryName), new(Texts.CardStatus, ticket.Status) };
        if (ticket.Address is { Length: > 0 } address)
        {
            facts.Add(new Fact(Texts.CardPlace, address));
        }

        return new TicketTimelineView(ticket.Number + " " + ticket.CategoryName, facts, ticket.History, Detail(ticket));
    }

    private static string Detail(TicketSummary ticket)
    {
        var text = new StringBuilder(string.Format(CultureInfo.CurrentCulture, Texts.StatusDetail, ticket.Number, ticket.CategoryName, ticket.Status));
        if (ticket.Address is { Length: > 0 } address)
        {
            text.Append('\n').Append(string.Format(CultureInfo.CurrentCulture, Texts.StatusDetailAddress, address));
        }

        text.Append('\n').Append(Texts.StatusHistory);
        foreach (var entry in ticket.History.OrderBy(e => e.At))
        {
            text.Append('\n').Append(TicketDisplay.Time(entry.At)).Append(' ').Append(entry.Status);
            if (entry.Note is { Length: > 0 } note)
            {
                text.Append("：").Append(note);
            }
        }

        return text.ToString();
    }
}
