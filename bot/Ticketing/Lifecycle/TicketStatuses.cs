using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Ticketing.Lifecycle;

/// <summary>
/// Life-cycle status codes as stored and sent (the center's callback vocabulary plus our own), and the flows' typed status
/// of each. A ticket keeps its status typed (<see cref="CitizenBot.Bot.Data.TicketRecord.Status"/>); its column holds
/// these strings (<see cref="StoredValueConverters"/>), and so do history rows (<see cref="CitizenBot.Bot.Data.TicketHistoryRecord.Status"/>);
/// the center's callbacks keep the strings as sent.
/// </summary>
internal static class TicketStatuses
{
    public const string Submitted = "submitted";
    public const string Accepted = "accepted";
    public const string Dispatched = "dispatched";
    public const string InProgress = "in_progress";
    public const string Resolved = "resolved";

    /// <summary>部分解决: the center answered, but only part of the problem is solved (a 办结 that may be rated or reopened).</summary>
    public const string PartiallyResolved = "partially_resolved";

    /// <summary>退回: the handling unit returned the assignment to the center for reassignment (退单/改派); still open.</summary>
    public const string Returned = "returned";

    public const string Closed = "closed";

    /// <summary>The center handles a reopened ticket again (重办).</summary>
    public const string Reopened = "reopened";

    /// <summary>Withdrawn: by the center on the citizen's request, or here before the center had it.</summary>
    public const string Withdrawn = "withdrawn";

    public const string Supplemented = "supplemented";
    public const string Rated = "rated";

    /// <summary>The citizen's 催办 (history only).</summary>
    public const string Urged = "urged";

    /// <summary>The citizen asked the center to withdraw the ticket; the center's answer follows as a status.</summary>
    public const string WithdrawalRequested = "withdrawal_requested";

    /// <summary>The citizen said a 办结 ticket is not solved and asked for 重办.</summary>
    public const string ReopenRequested = "reopen_requested";

    /// <summary>The bot told the citizen the ticket passed its due time without an answer (history only).</summary>
    public const string Overdue = "overdue";

    /// <summary>What the center may send in a callback.</summary>
    public static readonly IReadOnlySet<string> FromCenter = new HashSet<string>(StringComparer.Ordinal)
    {
        Accepted, Dispatched, InProgress, Resolved, PartiallyResolved, Returned, Closed, Reopened, Withdrawn,
    };

    /// <summary>A ticket in one of these is finished: no duplicate check, no supplements, 催办 or 撤回.</summary>
    public static readonly IReadOnlySet<TicketStatus> Finished = new HashSet<TicketStatus>
    {
        TicketStatus.Resolved, TicketStatus.PartiallyResolved, TicketStatus.Closed, TicketStatus.Withdrawn,
    };

    /// <summary>A 办结 of the center's: the citizen may rate it, or say it is not solved and ask for 重办.</summary>
    public static readonly IReadOnlySet<TicketStatus> Answered = new HashSet<TicketStatus> { TicketStatus.Resolved, TicketStatus.PartiallyResolved, TicketStatus.Closed };

    /// <summary>The stored (and center) string as the flows' typed status.</summary>
    public static TicketStatus ToTyped(string status) => status switch
    {
        Submitted => TicketStatus.Submitted,
        Accepted => TicketStatus.Accepted,
        Dispatched => TicketStatus.Dispatched,
        InProgress => TicketStatus.InProgress,
        Resolved => TicketStatus.Resolved,
        PartiallyResolved => TicketStatus.PartiallyResolved,
        Returned => TicketStatus.Returned,
        Closed => TicketStatus.Closed,
        Reopened => TicketStatus.Reopened,
        Withdrawn => TicketStatus.Withdrawn,
        Supplemented => TicketStatus.Supplemented,
        Rated => TicketStatus.Rated,
        Urged => TicketStatus.Urged,
        WithdrawalRequested => TicketStatus.WithdrawalRequested,
        ReopenRequested => TicketStatus.ReopenRequested,
        Overdue => TicketStatus.Overdue,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a ticket status this bot writes."),
    };

    /// <summary>The typed status as stored in <c>tickets.Status</c> and sent to the center: the inverse of <see cref="ToTyped"/>.</summary>
    public static string ToStored(TicketStatus status) => status switch
    {
        TicketStatus.Submitted => Submitted,
        TicketStatus.Accepted => Accepted,
        TicketStatus.Dispatched => Dispatched,
        TicketStatus.InProgress => InProgress,
        TicketStatus.Resolved => Resolved,
        TicketStatus.PartiallyResolved => PartiallyResolved,
        TicketStatus.Returned => Returned,
        TicketStatus.Closed => Closed,
        TicketStatus.Reopened => Reopened,
        TicketStatus.Withdrawn => Withdrawn,
        TicketStatus.Supplemented => Supplemented,
        TicketStatus.Rated => Rated,
        TicketStatus.Urged => Urged,
        TicketStatus.WithdrawalRequested => WithdrawalRequested,
        TicketStatus.ReopenRequested => ReopenRequested,
        TicketStatus.Overdue => Overdue,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
