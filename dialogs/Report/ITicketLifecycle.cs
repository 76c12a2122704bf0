using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Report;

/// <summary>
/// What a citizen may ask of a ticket after filing it (the 12345 closed loop): 催办, 撤回, 不满意 → 重办, and 关注 of
/// someone else's ticket. Each is checked against the ticket's own rules, written with an outbox row and pushed to the
/// center like the ticket itself. Only the reporter may urge, withdraw or reopen their ticket.
/// </summary>
public interface ITicketLifecycle
{
    /// <summary>催办: allowed once a day per ticket, and only once the ticket is past half its answer time.</summary>
    Task<UrgeResult> UrgeAsync(Reporter reporter, string ticketId, CancellationToken cancellationToken);

    /// <summary>撤回 with a reason: at once when the center does not have the ticket yet, else asked of the center.</summary>
    Task<WithdrawOutcome> WithdrawAsync(Reporter reporter, string ticketId, string reason, CancellationToken cancellationToken);

    /// <summary>重办 of a ticket the center answered (办结), with the reason and an optional photo; once per ticket.</summary>
    Task<ReopenOutcome> ReopenAsync(Reporter reporter, string ticketId, string reason, string? photoId, CancellationToken cancellationToken);

    /// <summary>关注 an open ticket found as a possible duplicate: its later statuses reach the follower too.</summary>
    Task<FollowOutcome> FollowAsync(Reporter reporter, string ticketId, CancellationToken cancellationToken);
}

public enum UrgeOutcome
{
    Recorded,

    /// <summary>Not yet past half the answer time: <see cref="UrgeResult.AllowedFrom"/> says from when.</summary>
    TooEarly,

    /// <summary>Urged already today (China day): <see cref="UrgeResult.AllowedFrom"/> is tomorrow.</summary>
    AlreadyToday,

    Finished,
    NotFound,
}

/// <param name="AllowedFrom">When a refused 催办 may be made.</param>
/// <param name="DueAt">The ticket's answer time, when it has one.</param>
public sealed record UrgeResult(UrgeOutcome Outcome, DateTimeOffset? AllowedFrom = null, DateTimeOffset? DueAt = null);

public enum WithdrawOutcome
{
    /// <summary>The center did not have the ticket yet: withdrawn here, never sent.</summary>
    Withdrawn,

    /// <summary>The center has it: the request went to the center, whose answer comes back as a status.</summary>
    Requested,

    AlreadyRequested,
    Finished,
    NotFound,
}

public enum ReopenOutcome
{
    Requested,
    AlreadyReopened,

    /// <summary>The center has not answered (办结) the ticket yet.</summary>
    NotAnswered,

    NotFound,
}

public enum FollowOutcome
{
    Following,
    AlreadyFollowing,

    /// <summary>The citizen reported this ticket: its statuses reach them anyway.</summary>
    OwnTicket,

    Finished,
    NotFound,
}
