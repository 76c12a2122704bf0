using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// Makes the digest of the day before at <c>Insight:DigestTime</c> (a recurring job, China time): written to
/// <c>{data}/digests/研判日报-yyyy-MM-dd.md</c>, with <c>Insight:DigestToCenter</c> pushed to the center, and with
/// <c>Insight:StaffAlerts</c> sent to staff by WeChat template message (once per day and staff member).
/// </summary>
internal sealed partial class DigestJob(
    DigestBuilder builder,
    InsightFolder folder,
    IDbContextFactory<CitizenBotDbContext> databases,
    CenterDispatcher dispatcher,
    StaffAlerts staffAlerts,
    IOptions<InsightOptions> options,
    TimeProvider time,
    ILogger<DigestJob> logger)
{
    public const string RecurringJobId = "insight-digest";

    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("研判日报 of the day before")]
    public Task RunAsync(CancellationToken cancellationToken) =>
        WriteAsync(InsightFilter.DayOf(time.GetUtcNow()).AddDays(-1), cancellationToken);

    public async Task<DigestReport> WriteAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var report = await builder.BuildAsync(day, cancellationToken).ConfigureAwait(false);
        var path = folder.DigestPath(day);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, DigestBuilder.Markdown(report), cancellationToken).ConfigureAwait(false);
        LogWritten(logger, report.Day, report.Tickets, path);

        if (options.Value.DigestToCenter)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var key = new OutboxKey(string.Empty, OutboxKinds.Digest, report.Day);
            var exists = await db.Outbox.AnyAsync(OutboxRecord.Is(key), cancellationToken).ConfigureAwait(false);
            if (!exists)
            {
                db.Outbox.Add(new OutboxRecord { Key = key, CreatedAt = time.GetUtcNow() });
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                dispatcher.EnqueuePending(key, urgent: false);
            }
        }

        if (StaffAlerts.TemplateId(options.Value.StaffAlerts, StaffAlerts.DigestKind) is not null)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var sentBefore = await db.StaffAlerts.Where(a => a.Kind == StaffAlerts.DigestKind && a.SubjectId == report.Day)
                .Select(a => a.OpenId).ToListAsync(cancellationToken).ConfigureAwait(false);
            var rows = staffAlerts.Add(db, StaffAlerts.DigestKind, report.Day, time.GetUtcNow());
            foreach (var row in rows.Where(r => sentBefore.Contains(r.OpenId)))
            {
                db.StaffAlerts.Remove(row);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            staffAlerts.Enqueue(rows.Where(r => !sentBefore.Contains(r.OpenId)).Select(r => r.Id));
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "研判日报 {Day} written ({Tickets} reports): {Path}")]
    private static partial void LogWritten(ILogger logger, string day, int tickets, string path);
}

/// <summary>Where the digests go: <c>{data}/digests/</c>.</summary>
internal sealed class InsightFolder(string dataDirectory)
{
    public string DigestPath(DateOnly day) => Path.Combine(dataDirectory, "digests", $"研判日报-{InsightQueries.DayText(day)}.md");
}
