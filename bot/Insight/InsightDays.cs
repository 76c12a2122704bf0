using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.Lifecycle;
using Microsoft.EntityFrameworkCore;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Insight;

/// <summary>What the trends are made of, for a range of days and a filter.</summary>
internal sealed record DayFacts(
    IReadOnlyList<(string Day, string CategoryCode, int Count)> Created,
    IReadOnlyList<(string CategoryCode, int Bucket, int Count)> Resolved,
    IReadOnlyList<(string CategoryCode, string GridId, string? GridName, string Satisfaction, int Count)> Rated);

/// <summary>Tickets filed, counted by what the heat map groups and filters on (grid, category, channel, reporter role).</summary>
internal sealed record HeatGroup(string? GridId, string? GridName, string CategoryCode, string ChannelId, string ReporterRole, int Count);

/// <summary>
/// The per-day rollup (<c>insight_days</c>), computed incrementally: a China day older than yesterday no longer changes
/// (reports are filed now, 办结 steps and ratings are written when they happen), so the first time it is needed — or at
/// start, by <see cref="InsightSweep"/> — its counts are made once from the tickets, their history and their ratings
/// and kept. Yesterday (a late center callback may still land on it) and today are always counted live. Trends by
/// status (which changes) are counted live over the whole range. The seeder, which writes past days, forgets the rollup.
/// A rollup is counted outside any transaction (counting a year takes long; the database's writers must not wait for it)
/// and saved afterwards, so a forget (and the ticket writes it follows) can fall in between: the <c>generation</c> row,
/// which every forget bumps, tells a save whether its counts are still good (<see cref="ForgetAsync"/>).
/// </summary>
internal sealed class InsightDays(IDbContextFactory<CitizenBotDbContext> databases, TimeProvider time)
{
    public const string CreatedMeasure = "created";
    public const string ResolvedMeasure = "resolved";
    public const string RatedMeasure = "rated";
    public const string HeatMeasure = "heat";
    public const string DayMeasure = "day";

    /// <summary>The one row (its other key columns empty) whose count is bumped by every <see cref="ForgetAsync"/>.</summary>
    public const string GenerationMeasure = "generation";

    /// <summary>The first day still counted live: yesterday, China time.</summary>
    public DateOnly FirstOpenDay => InsightFilter.DayOf(time.GetUtcNow()).AddDays(-1);

    public async Task<DayFacts> ReadAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Statuses.Count > 0)
        {
            return await ComputeAsync(filter, cancellationToken).ConfigureAwait(false);
        }

        var settledTo = SettledTo(filter);
        var created = new List<(string, string, int)>();
        var resolved = new Dictionary<(string, int), int>();
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
            // One histogram per day and kind of ticket, summed here by category.
            var r = Rows(ResolvedMeasure).Select(d => new { d.CategoryCode, d.Value }).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false);
            await foreach (var histogram in r)
            {
                AddHistogram(resolved, histogram.CategoryCode, histogram.Value);
            }

            var s = await Rows(RatedMeasure).GroupBy(d => new { d.CategoryCode, d.GridId, d.GridName, d.Value }).Select(g => new { g.Key.CategoryCode, g.Key.GridId, g.Key.GridName, g.Key.Value, Count = g.Sum(d => d.Count) })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            created.AddRange(c.Select(x => (x.Day, x.CategoryCode, x.Count)));
            rated.AddRange(s.Select(x => (x.CategoryCode, x.GridId, x.GridName, x.Value, x.Count)));
        }

        var liveFrom = filter.FromDay > settledTo ? filter.FromDay : settledTo.AddDays(1);
        if (liveFrom <= filter.ToDay)
        {
            var live = await ComputeAsync(filter with { FromDay = liveFrom }, cancellationToken).ConfigureAwait(false);
            created.AddRange(live.Created);
            foreach (var (category, bucket, count) in live.Resolved)
            {
                resolved[(category, bucket)] = resolved.GetValueOrDefault((category, bucket)) + count;
            }

            rated.AddRange(live.Rated);
        }

        return new DayFacts(created, resolved.Select(r => (r.Key.Item1, r.Key.Item2, r.Value)).ToList(), rated);
    }

    /// <summary>
    /// The heat groups of the filter's settled days, read from the rollup (a few hundred rows a day instead of every
    /// ticket), and the first day still to be counted live. A status filter cannot be read from it (statuses change):
    /// the caller counts those live.
    /// </summary>
    public async Task<(List<HeatGroup> Groups, DateOnly LiveFrom)> ReadHeatAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        var settledTo = SettledTo(filter);
        if (filter.Statuses.Count > 0 || filter.FromDay > settledTo)
        {
            return ([], filter.FromDay);
        }

        await SettleAsync(filter.FromDay, settledTo, cancellationToken).ConfigureAwait(false);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var from = InsightQueries.DayText(filter.FromDay);
        var to = InsightQueries.DayText(settledTo);
        var rows = await Apply(db.InsightDays.AsNoTracking()
                .Where(d => d.Measure == HeatMeasure && string.Compare(d.Day, from) >= 0 && string.Compare(d.Day, to) <= 0), filter)
            .GroupBy(d => new { d.GridId, d.GridName, d.CategoryCode, d.ChannelId, d.ReporterRole })
            .Select(g => new { g.Key.GridId, g.Key.GridName, g.Key.CategoryCode, g.Key.ChannelId, g.Key.ReporterRole, Count = g.Sum(d => d.Count) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (rows.Select(r => new HeatGroup(r.GridId.Length == 0 ? null : r.GridId, r.GridName, r.CategoryCode, r.ChannelId, r.ReporterRole, r.Count)).ToList(),
            settledTo.AddDays(1));
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
        // Until every missing day is saved by a run counted within one generation: a forget after this round began
        // (which may also have removed the runs saved before it) or a run that collided with another instance's starts
        // the round again, with the days then missing.
        var previous = (Generation: -1, Done: -1, Outcome: RunOutcome.Saved);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            HashSet<string> done;
            int? current;
            await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                // The days done and the generation they belong to, in one statement (one snapshot).
                var rows = await db.InsightDays.AsNoTracking()
                    .Where(d => (d.Measure == DayMeasure && string.Compare(d.Day, from) >= 0 && string.Compare(d.Day, to) <= 0)
                        || (d.Measure == GenerationMeasure && d.Day == ""))
                    .Select(d => new { d.Measure, d.Day, d.Count }).ToListAsync(cancellationToken).ConfigureAwait(false);
                done = rows.Where(d => d.Measure == DayMeasure).Select(d => d.Day).ToHashSet(StringComparer.Ordinal);
                current = rows.Where(d => d.Measure == GenerationMeasure).Select(d => (int?)d.Count).SingleOrDefault();
            }

            if (current is not { } generation)
            {
                await CreateGenerationAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A collision means another saver committed one of the run's days (rows and day marker go together), so the
            // next round finds more days done; if it does not, the run collides with itself, and trying again would not end.
            if (previous.Outcome == RunOutcome.Collided && previous.Generation == generation && done.Count <= previous.Done)
            {
                throw new InvalidOperationException($"The rollup of {from}..{to} cannot be saved: its rows collide with no saved day.");
            }

            var outcome = await SaveMissingAsync(fromDay, toDay, done, generation, cancellationToken).ConfigureAwait(false);
            if (outcome == RunOutcome.Saved)
            {
                return;
            }

            previous = (generation, done.Count, outcome);
        }
    }

    private enum RunOutcome
    {
        Saved,

        /// <summary>The rollup was forgotten after the run's generation was read: nothing saved.</summary>
        Forgotten,

        /// <summary>Another saver (instance or request) saved some of the run's days first: nothing saved.</summary>
        Collided,
    }

    /// <summary>Runs of missing days, each counted in one pass and saved in one transaction with its day markers.</summary>
    /// <returns>Why a run could not be saved and the round has to start again, or <see cref="RunOutcome.Saved"/>.</returns>
    private async Task<RunOutcome> SaveMissingAsync(DateOnly fromDay, DateOnly toDay, HashSet<string> done, int generation, CancellationToken cancellationToken)
    {
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

            var outcome = await SaveRunAsync(day, runEnd, generation, cancellationToken).ConfigureAwait(false);
            if (outcome != RunOutcome.Saved)
            {
                return outcome;
            }

            day = runEnd.AddDays(1);
        }

        return RunOutcome.Saved;
    }

    /// <summary>The last day of the filter's range that the rollup holds (before yesterday, China time).</summary>
    private DateOnly SettledTo(InsightFilter filter)
    {
        var open = FirstOpenDay;
        return filter.ToDay < open ? filter.ToDay : open.AddDays(-1);
    }

    private static void AddHistogram(Dictionary<(string, int), int> into, string category, string histogram)
    {
        var buckets = new Dictionary<int, int>();
        DurationHistogram.AddTo(histogram, buckets);
        foreach (var (bucket, count) in buckets)
        {
            into[(category, bucket)] = into.GetValueOrDefault((category, bucket)) + count;
        }
    }

    /// <summary>
    /// Removes every rollup row, after past days were written (the seeder; a test), so they are counted again when next
    /// needed. In one transaction, the generation is bumped first and the rows removed after: on PostgreSQL the bump
    /// waits for a save holding the generation row (<see cref="SaveRunAsync"/>) to commit, and the removal, a statement
    /// begun after that, sees and removes what it saved; on SQLite the two transactions simply take turns. A save
    /// counted before the bump finds the generation changed and saves nothing.
    /// </summary>
    public static async Task ForgetAsync(CitizenBotDbContext db, CancellationToken cancellationToken)
    {
        var database = db.Database;
        await using var own = database.CurrentTransaction is null
            ? await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        await BumpGenerationAsync(db, 1, cancellationToken).ConfigureAwait(false);
        await db.InsightDays.Where(d => d.Measure != GenerationMeasure).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes the generation row, as 0, where no forget made it yet (a new database).</summary>
    private async Task CreateGenerationAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await BumpGenerationAsync(db, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="by"/> to the generation row, making it (at <paramref name="by"/>) if there is none.</summary>
    private static Task BumpGenerationAsync(CitizenBotDbContext db, int by, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO insight_days ("Measure", "Day", "CategoryCode", "ChannelId", "ReporterRole", "GridId", "Value", "Count")
            VALUES ({GenerationMeasure}, '', '', '', '', '', '', {by})
            ON CONFLICT ("Measure", "Day", "CategoryCode", "ChannelId", "ReporterRole", "GridId", "Value") DO UPDATE SET "Count" = insight_days."Count" + {by}
            """, cancellationToken);

    private static IQueryable<InsightDayRecord> GenerationRow(CitizenBotDbContext db) =>
        db.InsightDays.Where(d => d.Measure == GenerationMeasure && d.Day == "");

    /// <summary>
    /// Counts the run's days and saves them, unless the rollup was forgotten since <paramref name="generation"/>: its
    /// counts may then miss tickets written into those days before the forget.
    /// </summary>
    private async Task<RunOutcome> SaveRunAsync(DateOnly fromDay, DateOnly toDay, int generation, CancellationToken cancellationToken)
    {
        var rows = await CountAsync(InsightFilter.ForDays(fromDay, toDay), cancellationToken).ConfigureAwait(false);
        rows.AddRange(Enumerable.Range(0, toDay.DayNumber - fromDay.DayNumber + 1)
            .Select(i => new InsightDayRecord { Measure = DayMeasure, Day = InsightQueries.DayText(fromDay.AddDays(i)), Count = 1 }));
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Checked in the transaction that inserts, by an update that holds the generation row to the commit
        // (PostgreSQL: a row lock, which a forget's bump waits for; SQLite: this transaction holds the write lock), so
        // no forget can come between the check and the insert.
        var unchanged = await GenerationRow(db).Where(d => d.Count == generation)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Count, d => d.Count), cancellationToken).ConfigureAwait(false);
        if (unchanged == 0)
        {
            return RunOutcome.Forgotten;
        }

        db.InsightDays.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return RunOutcome.Saved;
        }
        catch (DbUpdateException)
        {
            // Another instance (or request) saved some of these days at the same moment: the round looks again.
            return RunOutcome.Collided;
        }
    }

    private async Task<DayFacts> ComputeAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        var rows = await CountAsync(filter, cancellationToken).ConfigureAwait(false);
        return new DayFacts(
            rows.Where(r => r.Measure == CreatedMeasure).Select(r => (r.Day, r.CategoryCode, r.Count)).ToList(),
            ResolvedOf(rows),
            rows.Where(r => r.Measure == RatedMeasure).Select(r => (r.CategoryCode, r.GridId, r.GridName, r.Value, r.Count)).ToList());
    }

    private static List<(string CategoryCode, int Bucket, int Count)> ResolvedOf(List<InsightDayRecord> rows)
    {
        var resolved = new Dictionary<(string, int), int>();
        foreach (var row in rows.Where(r => r.Measure == ResolvedMeasure))
        {
            AddHistogram(resolved, row.CategoryCode, row.Value);
        }

        return resolved.Select(r => (r.Key.Item1, r.Key.Item2, r.Value)).ToList();
    }

    /// <summary>
    /// The rollup rows of the filter's days, counted from the tickets: reports by day of filing (by grid too, for the
    /// heat map); each ticket's first 办结 by its day, as a histogram of the time it took (<see cref="DurationHistogram"/>);
    /// ratings by their day and the ticket's grid.
    /// </summary>
    private async Task<List<InsightDayRecord>> CountAsync(InsightFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tickets = filter.Apply(db.Tickets.AsNoTracking());
        var (from, to) = (filter.From, filter.To);

        // The day in China time is the number's yyyyMMdd prefix (TicketRecord.Number), which the database can group by.
        var filed = await tickets.GroupBy(t => new { Day = t.Number.Substring(0, 8), t.CategoryCode, t.ChannelId, t.ReporterRole, t.GridId, t.GridName })
            .Select(g => new { g.Key.Day, g.Key.CategoryCode, g.Key.ChannelId, g.Key.ReporterRole, g.Key.GridId, g.Key.GridName, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        static string DayOfNumber(string prefix) => $"{prefix[..4]}-{prefix[4..6]}-{prefix[6..8]}";
        var rows = filed.GroupBy(c => (c.Day, c.CategoryCode, c.ChannelId, c.ReporterRole)).Select(g => new InsightDayRecord
        {
            Measure = CreatedMeasure, Day = DayOfNumber(g.Key.Day), CategoryCode = g.Key.CategoryCode, ChannelId = g.Key.ChannelId, ReporterRole = ReporterRoles.ToStored(g.Key.ReporterRole), Count = g.Sum(c => c.Count),
        }).ToList();
        rows.AddRange(filed.GroupBy(c => (c.Day, c.CategoryCode, c.ChannelId, c.ReporterRole, GridId: c.GridId ?? "")).Select(g => new InsightDayRecord
        {
            Measure = HeatMeasure, Day = DayOfNumber(g.Key.Day), CategoryCode = g.Key.CategoryCode, ChannelId = g.Key.ChannelId, ReporterRole = ReporterRoles.ToStored(g.Key.ReporterRole),
            GridId = g.Key.GridId, GridName = g.Select(c => c.GridName).FirstOrDefault(n => n is not null), Count = g.Sum(c => c.Count),
        }));

        // The whole-range filter (status, category, channel, role) applies to the ticket, not to the day it was filed.
        var anyDay = filter.ApplyKind(db.Tickets.AsNoTracking());
        var resolvedStatus = TicketStatus.Resolved;
        var resolutions = await db.History.AsNoTracking()
            .Where(h => h.Status == resolvedStatus && h.At >= from && h.At < to
                && !db.History.Any(e => e.TicketId == h.TicketId && e.Status == resolvedStatus && e.At < h.At))
            .Join(anyDay, h => h.TicketId, t => t.Id, (h, t) => new { h.At, t.CreatedAt, t.CategoryCode, t.ChannelId, t.ReporterRole })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        rows.AddRange(resolutions
            .GroupBy(r => (Day: InsightFilter.DayOf(r.At), r.CategoryCode, r.ChannelId, r.ReporterRole))
            .Select(g => new InsightDayRecord
            {
                Measure = ResolvedMeasure, Day = InsightQueries.DayText(g.Key.Day), CategoryCode = g.Key.CategoryCode, ChannelId = g.Key.ChannelId, ReporterRole = ReporterRoles.ToStored(g.Key.ReporterRole),
                Value = DurationHistogram.Format(g.Select(r => (DurationHistogram.BucketOf(r.At - r.CreatedAt), 1))), Count = g.Count(),
            }));

        var ratings = await db.Feedback.AsNoTracking().Where(f => f.At >= from && f.At < to)
            .Join(anyDay, f => f.TicketId, t => t.Id, (f, t) => new { f.At, t.CategoryCode, t.ChannelId, t.ReporterRole, t.GridId, t.GridName, f.Satisfaction })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        rows.AddRange(ratings
            .GroupBy(r => (Day: InsightFilter.DayOf(r.At), r.CategoryCode, r.ChannelId, r.ReporterRole, GridId: r.GridId ?? "", r.Satisfaction))
            .Select(g => new InsightDayRecord
            {
                Measure = RatedMeasure, Day = InsightQueries.DayText(g.Key.Day), CategoryCode = g.Key.CategoryCode, ChannelId = g.Key.ChannelId, ReporterRole = ReporterRoles.ToStored(g.Key.ReporterRole),
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
