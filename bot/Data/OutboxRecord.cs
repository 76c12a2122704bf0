namespace CitizenBot.Bot.Data;

/// <summary>
/// Something that must reach the center, written in the same transaction as the change it reports, so nothing is lost
/// or pushed twice when a process dies between writing and pushing.
/// </summary>
internal sealed class OutboxRecord
{
    public long Id { get; set; }
    public required string TicketId { get; set; }

    /// <summary>What to push (see <c>OutboxKinds</c>); one row per ticket, kind and <see cref="SubjectId"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>
    /// Which one of a kind that a ticket can have several of: the supplement's id; empty for the ticket and its rating.
    /// Never null, so the unique index keeps one ticket row and one rating row per ticket (NULLs would not collide).
    /// </summary>
    public string SubjectId { get; set; } = string.Empty;

    /// <summary>Urgent tickets go through the <c>urgent</c> queue first.</summary>
    public bool Urgent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>A worker holds the row until then; another worker skips it (at-least-once jobs, one push at a time).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>
    /// When the row, if still pending and not claimed, is queued again by any instance's outbox sweep: it covers an
    /// instance that died between committing the row and queuing its push, and a lost job. Set at creation to
    /// <see cref="PushGrace"/> ahead, past each scheduled retry, and ahead again by each sweep that queues it.
    /// </summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>How long a new row's push, queued right after its commit, has before the sweep takes it over.</summary>
    public static readonly TimeSpan PushGrace = TimeSpan.FromSeconds(30);

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Set when the center refused it for good (a 4xx other than 409/429): parked, not retried.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }
}
