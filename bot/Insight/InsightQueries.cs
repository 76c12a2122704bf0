using System.Globalization;
using System.Runtime.CompilerServices;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Mediation;
using CitizenBot.Bot.Ticketing.Tickets;
using Microsoft.EntityFrameworkCore;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Mediation;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// The console's read-only queries. Counts are grouped by the database over the date range (index on CreatedAt);
/// only narrow rows of the range come back where a median or a day bucket in China time is needed.
/// </summary>
internal sealed class InsightQueries(
    IDbContextFactory<CitizenBotDbContext> databases,
    Taxonomy taxonomy,
    AnswerTimes answerTimes,
    MediationCatalog mediation,
    InsightDays days,
    TimeProvider time)
{
    public const string Satisfied = "satisfied";
    public const string BasicallySatisfied = "basically_satisfied";
    public const string Dissatisfied = "dissatisfied";

    public async Task<TicketPage> TicketsAsync(InsightFilter filter, int limit, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = filter.Apply(db.Tickets.AsNoTracking());
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Project(query.OrderByDescending(t => t.CreatedAt).Take(limit)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new TicketPage(total, rows.Count, rows.Select(ToRow).ToList());
    }

    /// <summary>Every ticket of the filter, newest first, for the CSV export.</summary>
    public async IAsyncEnumerable<TicketRow> AllTicketsAsync(InsightFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = Project(filter.Apply(db.Tickets.AsNoTracking()).OrderByDescending(t => t.CreatedAt)).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false);
        await foreach (var row in rows)
        {
            yield return ToRow(row);
        }
    }

    public async Task<HeatView> HeatAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        // Settled days from the rollup, yesterday and today live; by status live over the whole range (statuses change),
        // and everything live when the filter is by status.
        var (groups, liveFrom) = await days.ReadHeatAsync(filter, cancellationToken).ConfigureAwait(false);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (liveFrom <= filter.ToDay)
        {
            var live = await (filter with { FromDay = liveFrom }).Apply(db.Tickets.AsNoTracking())
                .GroupBy(t => new { t.GridId, t.GridName, t.CategoryCode, t.ChannelId, t.ReporterRole })
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            groups.AddRange(live.Select(g => new HeatGroup(g.Key.GridId, g.Key.GridName, g.Key.CategoryCode, g.Key.ChannelId, ReporterRoles.ToStored(g.Key.ReporterRole), g.Count)));
        }

        var byStatus = await filter.Apply(db.Tickets.AsNoTracking()).GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byGrid = groups.GroupBy(g => (g.GridId, g.GridName)).Select(g => new { g.Key.GridId, g.Key.GridName, Count = g.Sum(x => x.Count) }).ToList();
        var byCategory = groups.GroupBy(g => g.CategoryCode).Select(g => new { g.Key, Count = g.Sum(x => x.Count) }).ToList();
        var byChannel = groups.GroupBy(g => g.ChannelId).Select(g => new { g.Key, Count = g.Sum(x => x.Count) }).ToList();
        var byRole = groups.GroupBy(g => g.ReporterRole).Select(g => new { g.Key, Count = g.Sum(x => x.Count) }).ToList();
        return new HeatView(
            byCategory.Sum(c => c.Count),
            byGrid.Select(g => new CountBy(g.GridId ?? "", g.GridName ?? "未定位", g.Count)).OrderByDescending(g => g.Count).ToList(),
            byCategory.Select(c => new CountBy(c.Key, CategoryName(c.Key), c.Count)).OrderByDescending(c => c.Count).ToList(),
            byStatus.Select(s => new CountBy(TicketStatuses.ToStored(s.Key), s.Key.Display(), s.Count)).OrderByDescending(s => s.Count).ToList(),
            byChannel.Select(c => new CountBy(c.Key, ChannelName(c.Key), c.Count)).OrderByDescending(c => c.Count).ToList(),
            byRole.Select(r => new CountBy(r.Key, RoleName(r.Key), r.Count)).OrderByDescending(r => r.Count).ToList());
    }

    /// <summary>
    /// Hotspots formed in the range, newest first, each with its tickets in the order they were filed: by their time,
    /// kept to the millisecond, then by number (handed out in filing order, <c>TicketNumbers</c>), since reports filed
    /// one after another can share a millisecond and the database returns members in no particular order.
    /// </summary>
    public async Task<IReadOnlyList<HotspotView>> HotspotsAsync(InsightFilter filter, int limit, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var from = filter.From;
        var to = filter.To;
        var query = db.Hotspots.AsNoTracking().Where(h => h.FormedAt >= from && h.FormedAt < to);
        if (filter.Categories.Count > 0)
        {
            var categories = filter.Categories.ToList();
            query = query.Where(h => categories.Contains(h.CategoryCode));
        }

        var hotspots = await query.OrderByDescending(h => h.FormedAt).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = hotspots.Select(h => h.Id).ToList();
        var members = await db.HotspotTickets.AsNoTracking()
            .Where(m => ids.Contains(m.HotspotId))
            .Join(db.Tickets, m => m.TicketId, t => t.Id, (m, t) => new { m.HotspotId, t.Number, t.Status, t.GridName, t.LatitudeWgs84, t.LongitudeWgs84, t.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byHotspot = members.ToLookup(m => m.HotspotId);
        return hotspots.Select(h => new HotspotView(
            h.Id, h.CategoryCode, h.CategoryName, h.Latitude, h.Longitude, h.GridId, h.GridName, h.FormedAt, h.LastReportAt, h.TicketCount,
            byHotspot[h.Id].OrderBy(m => m.CreatedAt).ThenBy(m => m.Number.Length).ThenBy(m => m.Number, StringComparer.Ordinal).Select(m => new HotspotTicketView(m.Number, TicketStatuses.ToStored(m.Status), m.GridName, m.LatitudeWgs84, m.LongitudeWgs84, m.CreatedAt)).ToList()))
            .ToList();
    }

    /// <summary>
    /// Open tickets past their answer time or due within <c>Insight:AtRiskWindow</c> at <paramref name="at"/>, the
    /// most overdue first. The date range does not apply (an old open ticket is the point); the other filters do.
    /// </summary>
    public async Task<IReadOnlyList<OverdueRow>> OverdueAsync(InsightFilter filter, DateTimeOffset at, int limit, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var horizon = at + answerTimes.AtRiskWindow;
        var open = AnswerTimes.OpenStatuses.ToList();
        // A stored due time decides by itself, and the database orders by it (index on Status, DueAt) and stops at the limit.
        var stored = await Project(filter.ApplyPlaceAndKind(db.Tickets.AsNoTracking()
                .Where(t => open.Contains(t.Status) && t.DueAt < horizon))
                .OrderBy(t => t.DueAt).Take(limit))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var legacy = await LegacyOpenAsync(db, filter, horizon, cancellationToken).ConfigureAwait(false);
        return stored.Concat(legacy).Select(ToRow)
            .Where(r => r.DueAt < horizon)
            .OrderBy(r => r.DueAt)
            .Take(limit)
            .Select(r => new OverdueRow(r, r.DueAt <= at, Math.Round((at - r.DueAt).TotalHours, 1)))
            .ToList();
    }

    /// <summary>How many open tickets are past their answer time at <paramref name="at"/> (the filters but the date range apply).</summary>
    public async Task<int> OverdueCountAsync(InsightFilter filter, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var open = AnswerTimes.OpenStatuses.ToList();
        var stored = await filter.ApplyPlaceAndKind(db.Tickets.AsNoTracking().Where(t => open.Contains(t.Status) && t.DueAt <= at))
            .CountAsync(cancellationToken).ConfigureAwait(false);
        var legacy = await LegacyOpenAsync(db, filter, at, cancellationToken).ConfigureAwait(false);
        return stored + legacy.Select(ToRow).Count(r => r.DueAt <= at);
    }

    /// <summary>Open tickets filed before due times were kept that may be due before <paramref name="horizon"/>, by the configured answer times.</summary>
    private Task<List<RawRow>> LegacyOpenAsync(CitizenBotDbContext db, InsightFilter filter, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        var open = AnswerTimes.OpenStatuses.ToList();
        var createdBefore = horizon - answerTimes.Shortest;
        return Project(filter.ApplyPlaceAndKind(db.Tickets.AsNoTracking()
                .Where(t => open.Contains(t.Status) && t.DueAt == null && t.CreatedAt < createdBefore)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Reports per day by category (by day of filing), median time to 办结 and 满意率 by category and grid (of the 办结
    /// steps and ratings that fall in the range), from the per-day rollup (<see cref="InsightDays"/>); grid-worker
    /// reports and points live.
    /// </summary>
    public async Task<TrendsView> TrendsAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        var facts = await days.ReadAsync(filter, cancellationToken).ConfigureAwait(false);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tickets = filter.Apply(db.Tickets.AsNoTracking());

        var dayList = Enumerable.Range(0, filter.ToDay.DayNumber - filter.FromDay.DayNumber + 1).Select(i => DayText(filter.FromDay.AddDays(i))).ToList();
        var perDay = facts.Created
            .GroupBy(c => (c.Day, c.CategoryCode))
            .Select(g => new DayCount(g.Key.Day, g.Key.CategoryCode, g.Sum(c => c.Count)))
            .OrderBy(d => d.Day, StringComparer.Ordinal).ThenBy(d => d.CategoryCode, StringComparer.Ordinal)
            .ToList();
        var categories = perDay.GroupBy(d => d.CategoryCode).Select(g => new CountBy(g.Key, CategoryName(g.Key), g.Sum(x => x.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

        var resolved = facts.Resolved;
        var byCategory = resolved.GroupBy(r => r.CategoryCode)
            .Select(g => new DurationView(g.Key, CategoryName(g.Key), g.Sum(r => r.Count), DurationHistogram.MedianHours(g.Select(r => (r.Bucket, r.Count)))))
            .OrderBy(d => d.Key, StringComparer.Ordinal).ToList();

        var rated = facts.Rated;
        var satisfactionByCategory = rated.GroupBy(r => r.CategoryCode)
            .Select(g => Satisfaction(g.Key, CategoryName(g.Key), g.Select(r => (r.Satisfaction, r.Count))))
            .OrderBy(s => s.Rate).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        var satisfactionByGrid = rated.GroupBy(r => r.GridId)
            .Select(g => Satisfaction(g.Key, g.Select(r => r.GridName).FirstOrDefault(n => n is not null) ?? "未定位", g.Select(r => (r.Satisfaction, r.Count))))
            .OrderBy(s => s.Rate).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();

        var workerReports = await tickets.Where(t => t.ReporterRole == ReporterRole.GridWorker)
            .GroupBy(t => t.HighValue).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var from = filter.From;
        var to = filter.To;
        var points = await db.GridWorkerPoints.AsNoTracking()
            .Where(p => p.At >= from && p.At < to)
            .GroupBy(p => p.WorkerId).Select(g => new { WorkerId = g.Key, Points = g.Sum(p => p.Points) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var top = points.OrderByDescending(p => p.Points).ThenBy(p => p.WorkerId).Take(10).ToList();
        var topIds = top.Select(p => p.WorkerId).ToList();
        var platforms = await db.GridWorkers.AsNoTracking().Where(w => topIds.Contains(w.Id)).Select(w => new { w.Id, w.Platform })
            .ToDictionaryAsync(w => w.Id, w => w.Platform, cancellationToken).ConfigureAwait(false);

        return new TrendsView(
            dayList,
            categories,
            perDay,
            new DurationView("all", "全部", resolved.Sum(r => r.Count), DurationHistogram.MedianHours(resolved.Select(r => (r.Bucket, r.Count)))),
            byCategory,
            satisfactionByCategory,
            satisfactionByGrid,
            new GridWorkerView(
                workerReports.Sum(r => r.Count),
                workerReports.Where(r => r.Key).Sum(r => r.Count),
                points.Sum(p => p.Points),
                top.Select(p => new WorkerPoints(p.WorkerId, platforms.GetValueOrDefault(p.WorkerId, ""), p.Points)).ToList()));
    }

    /// <summary>Bookings whose session falls in the range, per body and week (Monday, China time), and how invitations were answered.</summary>
    public async Task<MediationView> MediationAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var from = filter.From;
        var to = filter.To;
        var bookings = await db.MediationBookings.AsNoTracking()
            .Where(b => b.SlotStart >= from && b.SlotStart < to)
            .Select(b => new { b.BodyId, b.SlotStart, b.Status })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var perWeek = bookings
            .GroupBy(b => (b.BodyId, Week: DayText(WeekOf(InsightFilter.DayOf(b.SlotStart)))))
            .Select(g => new BodyWeek(g.Key.BodyId, mediation.FindBody(g.Key.BodyId)?.Name ?? g.Key.BodyId, g.Key.Week, g.Count()))
            .OrderBy(w => w.Week, StringComparer.Ordinal).ThenBy(w => w.BodyId, StringComparer.Ordinal)
            .ToList();
        int Count(BookingStatus status) => bookings.Count(b => b.Status == status);
        return new MediationView(
            bookings.Count,
            perWeek,
            new InvitationCounts(Count(BookingStatus.Confirmed), Count(BookingStatus.Declined), Count(BookingStatus.Expired), Count(BookingStatus.Invited), Count(BookingStatus.Cancelled)));
    }

    public string CategoryName(string code) => taxonomy.All.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    public IReadOnlyList<CountBy> CategoryList() => taxonomy.All.Select(c => new CountBy(c.Code, c.Name, 0)).ToList();

    public DateTimeOffset Now => time.GetUtcNow();

    public static string ChannelName(string channel) => channel switch
    {
        "wechat" => "微信",
        "directline" => "网页",
        _ => channel,
    };

    public static string RoleName(string role) => role == ReporterRoles.GridWorker ? "流动网格员" : "群众";

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return 0;
        }

        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 1);
    }

    /// <summary>满意率: satisfied and basically satisfied over all ratings, as government 回访 reports count it.</summary>
    public static SatisfactionView Satisfaction(string key, string name, IEnumerable<(string Satisfaction, int Count)> counts)
    {
        var list = counts.ToList();
        var satisfied = list.Where(c => c.Satisfaction == Satisfied).Sum(c => c.Count);
        var basically = list.Where(c => c.Satisfaction == BasicallySatisfied).Sum(c => c.Count);
        var dissatisfied = list.Where(c => c.Satisfaction == Dissatisfied).Sum(c => c.Count);
        var total = satisfied + basically + dissatisfied;
        return new SatisfactionView(key, name, satisfied, basically, dissatisfied, total == 0 ? 0 : Math.Round((satisfied + basically) * 100.0 / total, 1));
    }

    // Only what the console may show: no contact, reporter id, description or address (free text can hold a name or number).
    private static IQueryable<RawRow> Project(IQueryable<TicketRecord> query) => query.Select(t => new RawRow
    {
        Number = t.Number,
        CategoryCode = t.CategoryCode,
        CategoryName = t.CategoryName,
        Status = t.Status,
        ChannelId = t.ChannelId,
        ReporterRole = t.ReporterRole,
        Urgency = t.Urgency,
        GridId = t.GridId,
        GridName = t.GridName,
        Community = t.Community,
        Lat = t.LatitudeWgs84,
        Lng = t.LongitudeWgs84,
        CreatedAt = t.CreatedAt,
        DueAt = t.DueAt,
        HighValue = t.HighValue,
    });

    private TicketRow ToRow(RawRow r) => new(
        r.Number, r.CategoryCode, r.CategoryName, TicketStatuses.ToStored(r.Status), r.ChannelId, ReporterRoles.ToStored(r.ReporterRole), Urgencies.ToStored(r.Urgency), r.GridId, r.GridName, r.Community,
        r.Lat, r.Lng, TimeZoneInfo.ConvertTime(r.CreatedAt, MediationCalendar.China), TimeZoneInfo.ConvertTime(answerTimes.DueAt(r.CategoryCode, r.Urgency, r.CreatedAt, r.DueAt), MediationCalendar.China), r.HighValue);

    private sealed class RawRow
    {
        public string Number { get; init; } = "";
        public string CategoryCode { get; init; } = "";
        public string CategoryName { get; init; } = "";
        public TicketStatus Status { get; init; }
        public string ChannelId { get; init; } = "";
        public ReporterRole ReporterRole { get; init; }
        public Urgency Urgency { get; init; }
        public string? GridId { get; init; }
        public string? GridName { get; init; }
        public string? Community { get; init; }
        public double? Lat { get; init; }
        public double? Lng { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? DueAt { get; init; }
        public bool HighValue { get; init; }
    }
}
