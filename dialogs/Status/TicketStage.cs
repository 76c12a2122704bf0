using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Dialogs.Status;

/// <summary>
/// Where a ticket is in its life, read from the typed statuses the port shows: whether it is still open, answered
/// (办结), rated since, reopened. The rules themselves are the port's; this decides only what to offer.
/// </summary>
internal static class TicketStage
{
    /// <summary>The center answered it (办结, 已关闭, 部分解决).</summary>
    public static bool IsAnswered(TicketSummary ticket) => ticket.Status is TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.PartiallyResolved;

    /// <summary>Still being handled: 催办 and 撤回 make sense.</summary>
    public static bool IsOpen(TicketSummary ticket) => !IsAnswered(ticket) && ticket.Status != TicketStatus.Withdrawn;

    public static bool WithdrawalRequested(TicketSummary ticket) => Has(ticket, TicketStatus.WithdrawalRequested);

    /// <summary>重办 was asked once already (once per ticket).</summary>
    public static bool Reopened(TicketSummary ticket) => Has(ticket, TicketStatus.ReopenRequested);

    /// <summary>Rated since its latest 办结 round began (a 重办 starts a new one); the history is in order.</summary>
    public static bool RatedThisRound(TicketSummary ticket)
    {
        var history = ticket.History;
        var reopened = -1;
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Status == TicketStatus.ReopenRequested)
            {
                reopened = i;
            }
        }

        return history.Skip(reopened + 1).Any(e => e.Status == TicketStatus.Rated);
    }

    public static bool IsRatable(TicketSummary ticket) => IsAnswered(ticket) && !RatedThisRound(ticket);

    public static bool CanReopen(TicketSummary ticket) => IsAnswered(ticket) && !Reopened(ticket);

    /// <summary>What to offer after the details, "不用了" (null) last; empty when there is nothing to do.</summary>
    public static IReadOnlyList<TicketAction?> Offers(TicketSummary ticket)
    {
        var offers = new List<TicketAction?>();
        if (IsOpen(ticket))
        {
            offers.Add(TicketAction.Urge);
            if (!WithdrawalRequested(ticket))
            {
                offers.Add(TicketAction.Withdraw);
            }
        }
        else if (IsAnswered(ticket))
        {
            if (IsRatable(ticket))
            {
                offers.Add(TicketAction.Rate);
            }

            if (CanReopen(ticket))
            {
                offers.Add(TicketAction.Reopen);
            }
        }

        if (offers.Count > 0)
        {
            offers.Add(null);
        }

        return offers;
    }

    public static string Title(TicketAction? action) => action switch
    {
        TicketAction.Rate => Texts.StatusActionRate,
        TicketAction.Urge => Texts.StatusActionUrge,
        TicketAction.Withdraw => Texts.StatusActionWithdraw,
        TicketAction.Reopen => Texts.StatusActionReopen,
        _ => Texts.StatusActionNone,
    };

    private static bool Has(TicketSummary ticket, TicketStatus status) => ticket.History.Any(e => e.Status == status);
}
