using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Dialogs.Report;

/// <summary>
/// Where a ticket is in its life, as the flows see it. The bot stores and sends these as the center's strings
/// (bot/Ticketing/Lifecycle/TicketStatuses.cs); the flows decide from this value and show <see cref="TicketStatusText.Display"/>.
/// </summary>
public enum TicketStatus
{
    Submitted,
    Accepted,
    Dispatched,
    InProgress,
    Resolved,
    PartiallyResolved,
    Returned,
    Closed,
    Reopened,
    Withdrawn,
    Supplemented,
    Rated,
    Urged,
    WithdrawalRequested,
    ReopenRequested,
    Overdue,
}

/// <summary>A status as a citizen reads it (zh-CN, from Resources/Texts.resx).</summary>
public static class TicketStatusText
{
    public static string Display(this TicketStatus status) => status switch
    {
        TicketStatus.Submitted => Texts.TicketStatusSubmitted,
        TicketStatus.Accepted => Texts.TicketStatusAccepted,
        TicketStatus.Dispatched => Texts.TicketStatusDispatched,
        TicketStatus.InProgress => Texts.TicketStatusInProgress,
        TicketStatus.Resolved => Texts.TicketStatusResolved,
        TicketStatus.PartiallyResolved => Texts.TicketStatusPartiallyResolved,
        TicketStatus.Returned => Texts.TicketStatusReturned,
        TicketStatus.Closed => Texts.TicketStatusClosed,
        TicketStatus.Reopened => Texts.TicketStatusReopened,
        TicketStatus.Withdrawn => Texts.TicketStatusWithdrawn,
        TicketStatus.Supplemented => Texts.TicketStatusSupplemented,
        TicketStatus.Rated => Texts.TicketStatusRated,
        TicketStatus.Urged => Texts.TicketStatusUrged,
        TicketStatus.WithdrawalRequested => Texts.TicketStatusWithdrawalRequested,
        TicketStatus.ReopenRequested => Texts.TicketStatusReopenRequested,
        TicketStatus.Overdue => Texts.TicketStatusOverdue,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
