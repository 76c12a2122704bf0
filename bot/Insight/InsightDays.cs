using System.Globalization;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Insight;

/// <summary>What the trends are made of, for a range of days and a filter.</summary>
internal sealed record DayFacts(
    IReadOnlyList<(string Day, string CategoryCode, int Count)> Created,
    IReadOnlyList<(string CategoryCode, int Tenths, int Count)> Resolved,
    IReadOnlyList<(string CategoryCode, string GridId, string? GridName, string Satisfaction, int Count)> Rated);

/// <summary>
/// The per-day rollup (<c>insight_days</c>), computed incrementally: a China day older than yesterday no longer changes
/// (reports are filed now, 办结 steps and ratings are written when they happen), so the first time it is needed — or at
/// start, by <see cref="InsightSweep"/> — its counts are made once from the tickets, their history and their ratings
/// and kept. Yesterday (a late center callback may still land on it) and today are always counted live. Trends by
/// status (which changes) are counted live over the whole range. The seeder, which writes past days, forgets the rollup.
/// </summary>
internal sealed class InsightDays(IDbContextFactory<CitizenBotDbContext> databases, TimeProvider time)
{
    public const string CreatedMeasure = "created";
    public const string ResolvedMeasure = "resolved";
    public const string RatedMeasure = "rated";
    public const string DayMeasure = "day";

    /// <summary>The first day still counted live: yesterday, China time.</summary>
    public DateOnly FirstOpenDay => InsightFilter.DayOf(time.GetUtcNow()).AddDays(-1);

    public async Task<DayFacts> ReadAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Statuses.Count > 0)
        {
            return await ComputeAsync(filter, cancellationToken).ConfigureAwait(false);
        }

        var open = FirstOpenDay;
        var settledTo = filter.ToDay < open ? filter.ToDay : open.AddDays(-1);
        var created = new List<(string, string, int)>();
        var resolved = new List<(string, int, int)>();
        var rated = new List<(string, string, string?, string, int)>();
        if (filter.FromDay <= settledTo)
        {
            await SettleAsync(filter.FromDay, settledTo, cancellationToken).ConfigureAwait(false);
            await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var from = InsightQueries.DayText(filter.FromDay);
            var to = InsightQueries.DayText(settledTo);
            IQueryable<InsightDayRecord> Rows(string measure) => Apply(db.InsightDays.AsNoTracking()
                .Where(d => d.Measure == measure && string.Compare(d.Day, from) >= 0 && string.Compare(d.Day, to) <= 0), filter);
            var c = await Rows(CreatedMeasure).GroupBy(d => new { d.Day, d.CategoryCode }).Select(g => new { g.Key.Day, g.Key.CategoryCode, Count = g.Sum(d => d.Count) })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var r = await Rows(ResolvedMeasure).GroupBy(d => new { d.CategoryCode, d.Value }).Select(g => new { g.Key.CategoryCode, g.Key.Value, Count = g.Sum(d => d.Count) })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var s = await Rows(RatedMeasure).GroupBy(d => new { d.CategoryCode, d.GridId, d.GridName, d.Value }).Select(g => new { g.Key.CategoryCode, g.Key.GridId, g.Key.GridName, g.Key.Value, Count = g.Sum(d => d.Count) })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            created.AddRange(c.Select(x => (x.Day, x.CategoryCode, x.Count)));
            resolved.AddRange(r.Select(x => (x.CategoryCode, int.Parse(x.Value, CultureInfo.InvariantCulture), x.Count)));
            rated.AddRange(s.Select(x => (x.CategoryCode, x.GridId, x.GridName, x.Value, x.Count)));
        }

        var liveFrom = filter.FromDay > settledTo ? filter.FromDay : settledTo.AddDays(1);
        if (liveFrom <= filter.ToDay)
        {
            var live = await ComputeAsync(filter with { FromDay = liveFrom }, cancellationToken).ConfigureAwait(false);
            created.AddRange(live.Created);
            resolved.AddRange(live.Resolved);
            rated.AddRange(live.Rated);
        }

        return new DayFacts(created, resolved, rated);
    }

    /// <summary>Makes the rollup of every settled day in the range that does not have it yet.</summary>
    public async Task SettleAsync(DateOnly fromDay, DateOnly toDay, CancellationToken cancellationToken)
    {
        var last = FirstOpenDay.AddDays(-1);
        toDay = toDay < last ? toDay : last;
        if (fromDay > toDay)
        {
            return;
        }

        var from = InsightQueries.DayText(fromDay);
        var to = InsightQueries.DayText(toDay);
        HashSet<string> done;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            done = (await db.InsightDays.AsNoTracking()
                .Where(d => d.Measure == DayMeasure && string.Compare(d.Day, from) >= 0 && string.Compare(d.Day, to) <= 0)
                .Select(d => d.Day).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        }

        // Runs of missing days, each counted in one pass and saved in one transaction with its day markers.
        var day = fromDay;
        while (day <= toDay)
        {
            if (done.Contains(InsightQueries.DayText(day)))
            {
                day = day.AddDays(1);
                continue;
            }

            var runEnd = day;
            while (runEnd < toDay && runEnd.DayNumber - day.DayNumber < 60 && !done.Contains(InsightQueries.DayText(runEnd.AddDays(1))))
            {
                runEnd = runEnd.AddDays(1);
            }

            await SaveRunAsync(day, runEnd, cancellationToken).ConfigureAwait(false);
            day = runEnd.AddDays(1);
        }
    }

    public static Task ForgetAsync(CitizenBotDbContext db, CancellationToken cancellationToken) =>
        db.InsightDays.ExecuteDeleteAsync(cancellationToken);

    private async Task SaveRunAsync(DateOnly fromDay, DateOnly toDay, CancellationToken cancellationToken)
    {
        var rows = await CountAsync(InsightFilter.ForDays(fromDay, toDay), cancellationToken).ConfigureAwait(false);
        rows.AddRange(Enumerable.Range(0, toDay.DayNumber - fromDay.DayNumber + 1)
            .Select(i => new InsightDayRecord { Measure = DayMeasure, Day = InsightQueries.DayText(fromDay.AddDays(i)), Count = 1 }));
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.InsightDays.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another instance settled these days at the same moment: its rows are the same.
        }
    }

    private async Task<DayFacts> ComputeAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        var rows = await CountAsync(filter, cancellationToken).ConfigureAwait(false);
        return new DayFacts(
            rows.Where(r => r.Measure == CreatedMeasure).Select(r => (r.Day, r.CategoryCode, r.Count)).ToList(),
            rows.Where(r => r.Measure == ResolvedMeasure).Select(r => (r.CategoryCode, int.Parse(r.Value, CultureInfo.InvariantCulture), r.Count)).ToList(),
            rows.Where(r => r.Measure == RatedMeasure).Select(r => (r.CategoryCode, r.GridId, r.GridName, r.Value, r.Count)).ToList());
    }

    /// <summary>
    /// The rollup rows of the filter's days, counted from the tickets: reports by day of filing; each ticket's first
    /// 办结 by its day, with the tenths of hours it took; ratings by their day and the ticket's grid.
    /// </summary>
    private async Task<List<InsightDayRecord>> CountAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tickets = filter.Apply(db.Tickets.AsNoTracking());
        var (from, to) = (filter.From, filter.To);

        // The day in China time is the number's yyyyMMdd prefix (TicketRecord.Number), which the database can group by.
        var created = await tickets.GroupBy(t => new { Day = t.Number.Substring(0, 8), t.CategoryCode, t.ChannelId, t.ReporterRole })
            .Select(g => new { g.Key.Day, g.Key.CategoryCode, g.Key.ChannelId, g.Key.ReporterRole, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var rows = created.Select(c => new InsightDayRecord
        {
            Measure = CreatedMeasure, Day = $"{c.Day[..4]}-{c.Day[4..6]}-{c.Day[6..8]}", CategoryCode = c.CategoryCode, ChannelId = c.ChannelId, ReporterRole = c.ReporterRole, Count = c.Count,
        }).ToList();

        // The whole-range filter (status, category, channel, role) applies to the ticket, not to the day it was filed.
        var anyDay = filter.ApplyKind(db.Tickets.AsNoTracking());
        var resolvedStatus = TicketStatuses.Resolved;
        var resolutions = await db.History.AsNoTracking()
            .Where(h => h.Status == resolvedStatus && h.At >= from && h.At < to
                && !db.History.Any(e => e.TicketId == h.TicketId && e.Status == resolvedStatus && e.At < h.At))
            .Join(anyDay, h => h.TicketId, t => t.Id, (h, t) => new { h.At, t.CreatedAt, t.CategoryCode, t.ChannelId, t.ReporterRole })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        rows.AddRange(resolutions
            .GroupBy(r => (Day: InsightFilter.DayOf(r.At), r.CategoryCode, r.ChannelId, r.ReporterRole, Tenths: (int)Math.Round((r.At - r.CreatedAt).TotalHours * 10)))
            .Select(g => new InsightDayRecord
            {
                Measure = ResolvedMeasure, Day = InsightQueries.DayText(g.Key.Day), CategoryCode = g.Key.CategoryCode, ChannelId = g.Key.ChannelId, ReporterRole = g.Key.ReporterRole,
                Value = g.Key.Tenths.ToString(CultureInfo.InvariantCulture), Count = g.Count(),
            }));

        var ratings = await db.Feedback.AsNoTracking().Where(f => f.At >= from && f.At < to)
            .Join(anyDay, f => f.TicketId, t => t.Id, (f, t) => new { f.At, t.CategoryCode, t.ChannelId, t.ReporterRole, t.GridId, t.GridName, f.Satisfaction })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        rows.AddRange(ratings
            .GroupBy(r => (Day: InsightFilter.DayOf(r.At), r.CategoryCode, r.ChannelId, r.ReporterRole, GridId: r.GridId ?? "", r.Satisfaction))
            .Select(g => new InsightDayRecord
            {
                Measure = RatedMeasure, Day = InsightQueries.DayText(g.Key.Day), CategoryCode = g.Key.CategoryCode, ChannelId = g.Key.ChannelId, ReporterRole = g.Key.ReporterRole,
                GridId = g.Key.GridId, GridName = g.First().GridName, Value = g.Key.Satisfaction, Count = g.Count(),
            }));
        return rows;
    }

    private static IQueryable<InsightDayRecord> Apply(IQueryable<InsightDayRecord> rows, InsightFilter filter)
    {
        if (filter.Categories.Count > 0)
        {
            var categories = filter.Categories.ToList();
            rows = rows.Where(d => categories.Contains(d.CategoryCode));
        }

        if (filter.Channels.Count > 0)
        {
            var channels = filter.Channels.ToList();
            rows = rows.Where(d => channels.Contains(d.ChannelId));
        }

        if (filter.Roles.Count > 0)
        {
            var roles = filter.Roles.ToList();
            rows = rows.Where(d => roles.Contains(d.ReporterRole));
        }

        return rows;
    }
}
