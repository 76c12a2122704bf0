using System.Globalization;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Hosting;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.WeChat.Api;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// Staff alerts by WeChat template message (<c>Insight:StaffAlerts</c>): one row per staff member written with its
/// subject (a hotspot in the transaction that forms it, a digest when it is made), then one job per row. A job that
/// is never queued or never finishes is queued again by <see cref="InsightSweep"/>.
/// </summary>
internal sealed partial class StaffAlerts(IBackgroundJobClient jobs, IOptions<InsightOptions> options, ILogger<StaffAlerts> logger)
{
    public const string DigestKind = "digest";
    public const string HotspotKind = "hotspot";

    /// <summary>Adds a pending row per configured openid to <paramref name="db"/> (saved by the caller); none if the kind is off.</summary>
    public IReadOnlyList<StaffAlertRecord> Add(CitizenBotDbContext db, string kind, string subjectId, DateTimeOffset now)
    {
        if (TemplateId(options.Value.StaffAlerts, kind) is null)
        {
            return [];
        }

        var rows = options.Value.StaffAlerts.OpenIds
            .Where(o => !string.IsNullOrWhiteSpace(o))
            .Select(o => o.Trim())
            .Distinct(StringComparer.Ordinal)
            .Select(openId => new StaffAlertRecord { Kind = kind, SubjectId = subjectId, OpenId = openId, CreatedAt = now, DueAt = now + StaffAlertJob.SweepGrace })
            .ToList();
        db.StaffAlerts.AddRange(rows);
        return rows;
    }

    /// <summary>Queues the send of saved rows; a failure to queue is left to the sweep, never thrown at the caller.</summary>
    public void Enqueue(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            try
            {
                jobs.Enqueue<StaffAlertJob>(job => job.SendAsync(id, CancellationToken.None));
            }
            catch (Exception e) when (e is BackgroundJobClientException or InvalidOperationException)
            {
                LogNotQueued(logger, id, e.InnerException?.GetType().Name ?? e.GetType().Name);
            }
        }
    }

    public static string? TemplateId(StaffAlertOptions options, string kind)
    {
        var id = kind == DigestKind ? options.DigestTemplateId : options.HotspotTemplateId;
        return options.OpenIds.Count == 0 || string.IsNullOrWhiteSpace(id) ? null : id.Trim();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff alert {Id} could not be queued ({Error}); the sweep queues it")]
    private static partial void LogNotQueued(ILogger logger, long id, string error);
}

/// <summary>
/// Sends one staff alert. WeChat's answers: a stale token is refreshed and the call retried once (the channel's
/// client); 43004 (the staff member no longer follows the account) and 40003 (not an openid of the account) skip the
/// recipient; 40037 (no such template) or a channel without its AppSecret gives up; anything else is retried with backoff until
/// <see cref="StaffAlertOptions.GiveUpAfter"/>. Openids are masked in logs. The message holds counts, categories and
/// grids only: no citizen's name, phone, address or words.
/// </summary>
internal sealed partial class StaffAlertJob(
    IDbContextFactory<CitizenBotDbContext> databases,
    IWeChatTemplateSender wechat,
    DigestBuilder digests,
    IBackgroundJobClient jobs,
    IOptions<InsightOptions> options,
    TimeProvider time,
    ILogger<StaffAlertJob> logger)
{
    /// <summary>How long after its creation (or last try) a pending row waits before the sweep queues it again.</summary>
    internal static readonly TimeSpan SweepGrace = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(30);
    private static readonly int[] RecipientGone = [43004, 40003];
    private const int NoSuchTemplate = 40037;

    // Retries are our own (the row's DueAt and a scheduled job): Hangfire's would send twice after a crash mid-send.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Staff alert {0} by WeChat template message")]
    public async Task SendAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await db.StaffAlerts
            .Where(a => a.Id == id && a.SentAt == null && a.SkippedAt == null && a.FailedAt == null && (a.LockedUntil == null || a.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LockedUntil, now + ClaimLifetime).SetProperty(a => a.Attempts, a => a.Attempts + 1), cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            return;
        }

        var row = await db.StaffAlerts.SingleAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        var settings = options.Value.StaffAlerts;
        var masked = PersonalData.MaskUserId(row.OpenId);
        var templateId = StaffAlerts.TemplateId(settings, row.Kind);
        var data = templateId is null ? null : await MessageAsync(db, row, cancellationToken).ConfigureAwait(false);
        if (templateId is null || data is null)
        {
            // Switched off since, or its hotspot is gone (erased): nothing to say.
            row.SkippedAt = now;
            row.LastError = templateId is null ? "not configured" : "subject gone";
            row.LockedUntil = null;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogSkipped(logger, row.Kind, row.SubjectId, masked, row.LastError);
            return;
        }

        try
        {
            await wechat.SendTemplateByIdAsync(row.OpenId, templateId, data, settings.Url, $"{row.Kind}-{row.SubjectId}-{row.Id}", cancellationToken).ConfigureAwait(false);
            row.SentAt = time.GetUtcNow();
            row.LastError = null;
            LogSent(logger, row.Kind, row.SubjectId, masked);
        }
        catch (WeChatApiException e) when (RecipientGone.Contains(e.ErrorCode))
        {
            row.SkippedAt = time.GetUtcNow();
            row.LastError = $"errcode {e.ErrorCode}";
            LogSkipped(logger, row.Kind, row.SubjectId, masked, row.LastError);
        }
        catch (Exception e) when (e is WeChatApiException { ErrorCode: NoSuchTemplate } or InvalidOperationException)
        {
            // No such template, or the WeChat channel has no AppSecret: no retry mends configuration.
            row.FailedAt = time.GetUtcNow();
            row.LastError = e is WeChatApiException w ? $"errcode {w.ErrorCode}" : "WeChat API not configured";
            LogGaveUp(logger, row.Kind, row.SubjectId, masked, row.LastError);
        }
        catch (Exception e) when (e is WeChatApiException or HttpRequestException or TimeoutException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            row.LastError = e is WeChatApiException w ? $"errcode {w.ErrorCode}" : e.GetType().Name;
            var failedAt = time.GetUtcNow();
            if (failedAt - row.CreatedAt >= settings.GiveUpAfter)
            {
                row.FailedAt = failedAt;
                LogGaveUp(logger, row.Kind, row.SubjectId, masked, row.LastError);
            }
            else
            {
                var delay = RetryDelay(row.Attempts);
                row.DueAt = failedAt + delay + SweepGrace;
                LogRetry(logger, row.Kind, row.SubjectId, masked, row.LastError, delay);
                jobs.Schedule<StaffAlertJob>(job => job.SendAsync(row.Id, CancellationToken.None), delay);
            }
        }

        row.LockedUntil = null;
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static TimeSpan RetryDelay(int attempts) => RetryBackoff.Delay(attempts, FirstRetryDelay, LongestRetryDelay);

    /// <summary>The template's fields, in Chinese; null if the subject no longer exists.</summary>
    private async Task<Dictionary<string, string>?> MessageAsync(CitizenBotDbContext db, StaffAlertRecord row, CancellationToken cancellationToken)
    {
        if (row.Kind == StaffAlerts.DigestKind)
        {
            var day = DateOnly.ParseExact(row.SubjectId, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return StaffAlertMessages.Digest(await digests.BuildAsync(day, cancellationToken).ConfigureAwait(false));
        }

        var hotspot = await db.Hotspots.AsNoTracking().SingleOrDefaultAsync(h => h.Id == row.SubjectId, cancellationToken).ConfigureAwait(false);
        return hotspot is null ? null : StaffAlertMessages.Hotspot(hotspot, options.Value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff alert {Kind} {Subject} sent to {OpenId}")]
    private static partial void LogSent(ILogger logger, string kind, string subject, string openId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff alert {Kind} {Subject} to {OpenId} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string kind, string subject, string openId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff alert {Kind} {Subject} to {OpenId} failed ({Reason}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string kind, string subject, string openId, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Staff alert {Kind} {Subject} to {OpenId} given up ({Reason}); see its staff_alerts row")]
    private static partial void LogGaveUp(ILogger logger, string kind, string subject, string openId, string reason);
}

/// <summary>The template messages' text (Chinese, for staff): counts, categories and grids, never a citizen's details.</summary>
internal static class StaffAlertMessages
{
    public static Dictionary<string, string> Digest(DigestReport d)
    {
        var culture = CultureInfo.InvariantCulture;
        var risers = d.Risers.Count == 0 ? "无" : string.Join("、", d.Risers.Select(r => string.Create(culture, $"{r.CategoryName}（{r.Count} 件）")));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["first"] = $"研判日报 {d.Day}",
            ["keyword1"] = string.Create(culture, $"新增上报 {d.Tickets} 件（紧急 {d.Urgent} 件）"),
            ["keyword2"] = string.Create(culture, $"新增热点 {d.NewHotspots.Count} 个"),
            ["keyword3"] = string.Create(culture, $"超期未办结 {d.OverdueCount} 件"),
            ["keyword4"] = string.Create(culture, $"办结 {d.Resolved} 件，满意率 {d.SatisfactionRate}%"),
            ["remark"] = $"上升最多：{risers}。详情请到研判台查看。",
        };
    }

    public static Dictionary<string, string> Hotspot(HotspotRecord h, InsightOptions options)
    {
        var culture = CultureInfo.InvariantCulture;
        var formed = TimeZoneInfo.ConvertTime(h.FormedAt, Mediation.MediationCalendar.China).ToString("yyyy-MM-dd HH:mm", culture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["first"] = $"新热点：{h.CategoryName}",
            ["keyword1"] = h.CategoryName,
            ["keyword2"] = h.GridName ?? "未定位",
            ["keyword3"] = string.Create(culture, $"{h.TicketCount} 件（{options.HotspotWindow.TotalDays:0.#} 天内、{options.HotspotRadiusMeters:0} 米内）"),
            ["keyword4"] = formed,
            ["remark"] = "同类诉求集中出现，请到研判台查看并研判处置。",
        };
    }
}
