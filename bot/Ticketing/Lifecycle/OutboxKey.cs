namespace CitizenBot.Bot.Ticketing.Lifecycle;

/// <summary>
/// What names one outbox row, and so one push: the ticket, what is pushed (<c>OutboxKinds</c>) and which one of that
/// kind (a supplement's id, "2" for the rating after a 重办, a hotspot's id or a digest's day; empty when the kind has
/// only one row per ticket). The one way to address a row (<c>OutboxRecord.Key</c>, unique in <c>ticket_outbox</c>).
/// Hangfire's job arguments stay the three strings, so jobs already queued keep running.
/// </summary>
internal sealed record OutboxKey(string TicketId, string Kind, string SubjectId)
{
    /// <summary>The row of a kind a ticket has one of (the ticket itself, the first rating, a withdrawal, a reopen).</summary>
    public static OutboxKey Of(string ticketId, string kind) => new(ticketId, kind, string.Empty);
}
