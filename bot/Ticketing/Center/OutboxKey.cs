namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// What names one outbox row, and so one push: the ticket, what is pushed (<see cref="OutboxKinds"/>) and which one of
/// that kind (a supplement's id, "2" for the rating after a 重办, a hotspot's id or a digest's day; empty when the kind
/// has only one row per ticket). Hangfire's job arguments stay the three strings, so jobs already queued keep running.
/// </summary>
internal readonly record struct OutboxKey(string TicketId, string Kind, string SubjectId);
