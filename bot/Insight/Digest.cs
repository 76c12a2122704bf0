using System.Globalization;
using System.Text;
using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Insight;

internal sealed record DigestHotspot(string CategoryName, string? GridName, int TicketCount, DateTimeOffset FormedAt);

internal sealed record DigestOverdue(string Number, string CategoryName, string? GridName, DateTimeOffset DueAt, double HoursLate);

internal sealed record DigestRise(string CategoryCode, string CategoryName, int Count, double PreviousDailyAverage, double Change);

internal sealed record DigestUnit(string Unit, int Rated, double Rate);

/// <summary>The daily digest (研判日报) of one China day; no personal data.</summary>
internal sealed record DigestReport(
    string Day,
    int Tickets,
    int Urgent,
    int ByGridWorkers,
    IReadOnlyList<CountBy> ByCategory,
    IReadOnlyList<CountBy> ByChannel,
    int Resolved,
    double MedianHoursToResolve,
    int Rated,
    double SatisfactionRate,
    IReadOnlyList<DigestHotspot> NewHotspots,
    int OverdueCount,
    IReadOnlyList<DigestOverdue> Overdue,
    IReadOnlyList<DigestRise> Risers,
    IReadOnlyList<DigestUnit> LowestRatedUnits)
{
    public const int RiseBaselineDays = 7;
    public const int UnitRatingDays = 30;
    public const int UnitMinRatings = 3;
    public const int ListLength = 10;
}

/// <summary>
/// Builds the digest of a day: its reports; tickets 办结 and rated that day; hotspots formed that day; open tickets past
/// their answer time at the end of the day; the categories that rose most against the average of the 7 days before;
/// the handling units with the lowest 满意率 over the 30 days ending that day (at least 3 ratings).
/// </summary>
internal sealed class DigestBuilder(IDbContextFactory<CitizenBotDbContext> databases, InsightQueries queries)
{
    public async Task<DigestReport> BuildAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var start = InsightFilter.StartOf(day);
        var end = InsightFilter.StartOf(day.AddDays(1));
        var dayFilter = InsightFilter.ForDays(day, day);
        var heat = await queries.HeatAsync(dayFilter, cancellationToken).ConfigureAwait(false);

        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ofDay = dayFilter.Apply(db.Tickets.AsNoTracking());
        var urgent = await ofDay.CountAsync(t => t.Urgency == Urgency.Urgent, cancellationToken).ConfigureAwait(false);
        var byWorkers = await ofDay.CountAsync(t => t.ReporterRole == ReporterRole.GridWorker, cancellationToken).ConfigureAwait(false);

        // 办结 that day: the first resolved step of a ticket falls on the day.
        var resolvedStatus = TicketStatus.Resolved;
        var resolutions = await db.History.AsNoTracking()
            .Where(h => h.Status == resolvedStatus && h.At >= start && h.At < end
                && !db.History.Any(e => e.TicketId == h.TicketId && e.Status == resolvedStatus && e.At < h.At))
            .Join(db.Tickets, h => h.TicketId, t => t.Id, (h, t) => new { h.At, t.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var ratings = await db.Feedback.AsNoTracking().Where(f => f.At >= start && f.At < end)
            .GroupBy(f => f.Satisfaction).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var satisfaction = InsightQueries.Satisfaction("", "", ratings.Select(r => (r.Key, r.Count)));

        var hotspots = await db.Hotspots.AsNoTracking().Where(h => h.FormedAt >= start && h.FormedAt < end).OrderBy(h => h.FormedAt)
            .Select(h => new DigestHotspot(h.CategoryName, h.GridName, h.TicketCount, h.FormedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var overdueCount = await queries.OverdueCountAsync(dayFilter, end, cancellationToken).ConfigureAwait(false);
        var overdue = (await queries.OverdueAsync(dayFilter, end, DigestReport.ListLength, cancellationToken).ConfigureAwait(false)).Where(o => o.Overdue).ToList();

        var baselineStart = InsightFilter.StartOf(day.AddDays(-DigestReport.RiseBaselineDays));
        var baseline = await db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= baselineStart && t.CreatedAt < start)
            .GroupBy(t => t.CategoryCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var risers = heat.ByCategory
            .Select(c =>
            {
                var average = baseline.GetValueOrDefault(c.Key) / (double)DigestReport.RiseBaselineDays;
                return new DigestRise(c.Key, c.Name, c.Count, Math.Round(average, 1), Math.Round(c.Count - average, 1));
            })
            .Where(r => r.Change > 0)
            .OrderByDescending(r => r.Change).ThenBy(r => r.CategoryCode, StringComparer.Ordinal)
            .Take(3)
            .ToList();

        var units = await LowestRatedUnitsAsync(db, InsightFilter.StartOf(day.AddDays(1 - DigestReport.UnitRatingDays)), end, cancellationToken).ConfigureAwait(false);

        return new DigestReport(
            InsightQueries.DayText(day),
            heat.Total,
            urgent,
            byWorkers,
            heat.ByCategory,
            heat.ByChannel,
            resolutions.Count,
            InsightQueries.Median(resolutions.Select(r => (r.At - r.CreatedAt).TotalHours)),
            satisfaction.Satisfied + satisfaction.BasicallySatisfied + satisfaction.Dissatisfied,
            satisfaction.Rate,
            hotspots,
            overdueCount,
            overdue.Take(DigestReport.ListLength).Select(o => new DigestOverdue(o.Ticket.Number, o.Ticket.CategoryName, o.Ticket.GridName, o.Ticket.DueAt, o.HoursLate)).ToList(),
            risers,
            units);
    }

    /// <summary>The unit of a rated ticket is the last one the center named in its callbacks (派单 / 办结).</summary>
    private static async Task<List<DigestUnit>> LowestRatedUnitsAsync(CitizenBotDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // The database picks each rating's unit (index on TicketId, At) and counts; a few rows per unit come back.
        var rated = await db.Feedback.AsNoTracking().Where(f => f.At >= from && f.At < to)
            .Select(f => new
            {
                f.Satisfaction,
                Unit = db.History.Where(h => h.TicketId == f.TicketId && h.Unit != null).OrderByDescending(h => h.At).Select(h => h.Unit).FirstOrDefault(),
            })
            .Where(r => r.Unit != null)
            .GroupBy(r => new { r.Unit, r.Satisfaction })
            .Select(g => new { g.Key.Unit, g.Key.Satisfaction, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rated
            .GroupBy(r => r.Unit!)
            .Select(g => InsightQueries.Satisfaction(g.Key, g.Key, g.Select(s => (s.Satisfaction, s.Count))))
            .Select(s => new DigestUnit(s.Key, s.Satisfied + s.BasicallySatisfied + s.Dissatisfied, s.Rate))
            .Where(u => u.Rated >= DigestReport.UnitMinRatings)
            .OrderBy(u => u.Rate).ThenByDescending(u => u.Rated).ThenBy(u => u.Unit, StringComparer.Ordinal)
            .Take(3)
            .ToList();
    }

    public static string Markdown(DigestReport d)
    {
        var culture = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append(culture, $"# 研判日报 {d.Day}\n\n");
        md.Append("## 当日概况\n\n");
        md.Append(culture, $"- 新增上报：{d.Tickets} 件（紧急 {d.Urgent} 件，流动网格员上报 {d.ByGridWorkers} 件）\n");
        md.Append(culture, $"- 办结：{d.Resolved} 件，办结用时中位数 {d.MedianHoursToResolve} 小时\n");
        md.Append(culture, $"- 评价：{d.Rated} 件，满意率 {d.SatisfactionRate}%\n");
        md.Append(culture, $"- 渠道：{string.Join("，", d.ByChannel.Select(c => $"{c.Name} {c.Count}"))}\n\n");
        md.Append("## 类别分布\n\n| 类别 | 件数 |\n|---|---|\n");
        foreach (var c in d.ByCategory)
        {
            md.Append(culture, $"| {c.Name} | {c.Count} |\n");
        }

        md.Append("\n## 新增热点\n\n");
        AppendList(md, d.NewHotspots.Select(h => string.Create(culture, $"{h.CategoryName}（{h.GridName ?? "未定位"}，{h.TicketCount} 件，{Local(h.FormedAt)} 形成）")));
        md.Append(culture, $"\n## 超期未办结（{d.OverdueCount} 件）\n\n");
        AppendList(md, d.Overdue.Select(o => string.Create(culture, $"{o.Number} {o.CategoryName}（{o.GridName ?? "未定位"}），应于 {Local(o.DueAt)} 前答复，已超 {o.HoursLate} 小时")));
        md.Append("\n## 上升最多的类别（对比前7日日均）\n\n");
        AppendList(md, d.Risers.Select(r => string.Create(culture, $"{r.CategoryName}：{r.Count} 件，前7日日均 {r.PreviousDailyAverage}，增加 {r.Change}")));
        md.Append("\n## 满意率最低的承办单位（近30日，至少3件评价）\n\n");
        AppendList(md, d.LowestRatedUnits.Select(u => string.Create(culture, $"{u.Unit}：{u.Rated} 件评价，满意率 {u.Rate}%")));
        return md.ToString();
    }

    private static void AppendList(StringBuilder md, IEnumerable<string> lines)
    {
        var any = false;
        foreach (var line in lines)
        {
            md.Append("- ").Append(line).Append('\n');
            any = true;
        }

        if (!any)
        {
            md.Append("- 无\n");
        }
    }

    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Mediation.MediationCalendar.China).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
}
