namespace CitizenBot.Bot.Data;

/// <summary>
/// A WeChat template message to one staff member (bot/Insight, <c>Insight:StaffAlerts</c>): a daily digest or a newly
/// formed hotspot. Written in the transaction that makes its subject, sent by a job and swept up if that job is lost,
/// so a failure is retried and never dropped unnoticed.
/// </summary>
internal sealed class StaffAlertRecord
{
    public long Id { get; set; }

    /// <summary><c>digest</c> or <c>hotspot</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The digest's day (yyyy-MM-dd) or the hotspot's id.</summary>
    public required string SubjectId { get; set; }

    /// <summary>The staff member's openid (configuration, not a citizen's).</summary>
    public required string OpenId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the sweep queues it again if it is still pending (a lost job, a process that died).</summary>
    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>A worker holds it until then, so two never send it at once.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>WeChat refused the recipient for good (e.g. 43004: no longer follows the account).</summary>
    public DateTimeOffset? SkippedAt { get; set; }

    /// <summary>Given up: refused for good (e.g. an unknown template) or still failing after a day.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }
}
