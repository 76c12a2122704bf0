using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Bot.Tickets;

/// <summary>Life-cycle status codes (the center's callback vocabulary plus our own <c>submitted</c>) and their display text.</summary>
internal static class TicketStatuses
{
    public const string Submitted = "submitted";
    public const string Accepted = "accepted";
    public const string Dispatched = "dispatched";
    public const string InProgress = "in_progress";
    public const string Resolved = "resolved";
    public const string Returned = "returned";
    public const string Closed = "closed";
    public const string Supplemented = "supplemented";
    public const string Rated = "rated";

    /// <summary>What the center may send in a callback.</summary>
    public static readonly IReadOnlySet<string> FromCenter = new HashSet<string>(StringComparer.Ordinal)
    {
        Accepted, Dispatched, InProgress, Resolved, Returned, Closed,
    };

    /// <summary>A ticket in one of these is finished: no duplicate check, no supplements.</summary>
    public static readonly IReadOnlySet<string> Finished = new HashSet<string>(StringComparer.Ordinal) { Resolved, Returned, Closed };

    public static string Display(string status) => status switch
    {
        Submitted => Texts.TicketStatusSubmitted,
        Accepted => Texts.TicketStatusAccepted,
        Dispatched => Texts.TicketStatusDispatched,
        InProgress => Texts.TicketStatusInProgress,
        Resolved => Texts.TicketStatusResolved,
        Returned => Texts.TicketStatusReturned,
        Closed => Texts.TicketStatusClosed,
        Supplemented => Texts.TicketStatusSupplemented,
        Rated => Texts.TicketStatusRated,
        _ => status,
    };
}
