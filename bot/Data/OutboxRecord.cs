using System.Linq.Expressions;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Data;

/// <summary>
/// Something that must reach the center, written in the same transaction as the change it reports, so nothing is lost
/// or pushed twice when a process dies between writing and pushing.
/// </summary>
internal sealed class OutboxRecord
{
    public long Id { get; set; }

    /// <summary>
    /// Which push this is: one row per key (a unique index over its three columns, <c>TicketId</c>, <c>Kind</c> and
    /// <c>SubjectId</c>). Its subject is never null, so the index keeps one ticket row and one rating row per ticket
    /// (NULLs would not collide).
    /// </summary>
    public required OutboxKey Key { get; init; }

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

    /// <summary>The row of <paramref name="key"/>, as a query condition the database answers through its unique index.</summary>
    public static Expression<Func<OutboxRecord, bool>> Is(OutboxKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (ticketId, kind, subjectId) = key;
        return o => o.Key.TicketId == ticketId && o.Key.Kind == kind && o.Key.SubjectId == subjectId;
    }
}
