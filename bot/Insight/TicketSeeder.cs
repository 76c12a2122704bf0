using System.Globalization;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.Geo;
using CitizenBot.Bot.Mediation;
using CitizenBot.Bot.Ticketing.Tickets;
using CitizenBot.Channels.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Mediation;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// SAMPLE data for trying and measuring the console: <c>dotnet run --project bot -- seed-tickets 200000</c> writes that
/// many tickets over the past year inside the configured grid map, with their history, ratings, grid workers and
/// points, hotspots (by the same rule as live reports) and mediation bookings. Names and phone numbers are made up,
/// descriptions are marked 【样例数据】 and numbers carry an <c>S</c>; nothing is pushed to the center.
/// </summary>
internal sealed partial class TicketSeeder(
    IDbContextFactory<CitizenBotDbContext> databases,
    GridMap grids,
    Taxonomy taxonomy,
    MediationCatalog mediation,
    AnswerClock answerClock,
    IOptions<InsightOptions> options,
    TimeProvider time,
    ILogger<TicketSeeder> logger)
{
    private const int Batch = 2000;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"];
    private static readonly string[] Units = ["城管执法中队", "示例街道办事处", "社区居委会", "消防救援大队", "住建局物业科", "人社局劳动监察大队", "司法所", "交警中队", "市政工程处"];
    private static readonly string[] Platforms = ["Meituan", "Eleme", "Didi", "SfExpress", "Other"];

    /// <summary>What was written, for the command's output and the tests.</summary>
    internal sealed record SeedResult(int Tickets, int History, int Ratings, int Hotspots, int Bookings, IReadOnlyList<string> Names, IReadOnlyList<string> Phones);

    public async Task<SeedResult> SeedAsync(int count, int days, int randomSeed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        var random = new Random(randomSeed);
        var now = time.GetUtcNow();
        var start = now - TimeSpan.FromDays(days);
        var run = Convert.ToString(now.ToUnixTimeSeconds() % 1296, 16).PadLeft(3, '0');
        var bounds = grids.Bounds;
        var categories = taxonomy.All;
        var unitQuality = Units.ToDictionary(u => u, _ => 0.55 + random.NextDouble() * 0.4);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        string Name() => Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)] + GivenNames[random.Next(GivenNames.Length)];
        string Phone() => "13" + random.Next(0, 10) + random.NextInt64(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);

        var workers = Enumerable.Range(0, 40).Select(i => new GridWorkerRecord
        {
            ChannelId = "wechat",
            UserId = $"seed-worker-{run}-{i}",
            Name = Name(),
            Mobile = Phone(),
            Platform = Platforms[random.Next(Platforms.Length)],
            RegisteredAt = start,
        }).ToList();
        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            db.GridWorkers.AddRange(workers);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var w in workers)
        {
            names.Add(w.Name);
            phones.Add(w.Mobile);
        }

        // Problem spots per category: a third of the located reports fall near one, so hotspots stand out from the spread.
        var spots = categories.ToDictionary(c => c.Code, _ => Enumerable.Range(0, 6)
            .Select(_ => new GeoPoint(bounds.MinLat + random.NextDouble() * (bounds.MaxLat - bounds.MinLat), bounds.MinLng + random.NextDouble() * (bounds.MaxLng - bounds.MinLng)))
            .ToArray());
        var weights = categories.Select((c, i) => c.Code == "99-99" ? 0.5 : 1.0 + (i % 3)).ToArray();
        var times = Enumerable.Range(0, count).Select(_ => start + TimeSpan.FromTicks((long)(random.NextDouble() * (now - start).Ticks))).Order().ToList();
        var perDay = new Dictionary<DateOnly, int>();
        var clusterer = new SeedClusterer(HotspotRule.From(options.Value));
        var tickets = new List<TicketRecord>(Batch);
        var feedback = new List<TicketFeedbackRecord>();
        var points = new List<GridWorkerPointsRecord>();
        var (historyCount, ratingCount) = (0, 0);

        foreach (var createdAt in times)
        {
            var category = categories[Pick(random, weights)];
            var day = InsightFilter.DayOf(createdAt);
            var seq = perDay[day] = perDay.GetValueOrDefault(day) + 1;
            var id = Guid.CreateVersion7(createdAt).ToString("N");
            var anonymous = random.NextDouble() < 0.3;
            var (name, phone) = anonymous ? (null, null) : (Name(), Phone());
            if (name is not null)
            {
                names.Add(name);
                phones.Add(phone!);
            }

            var worker = random.NextDouble() < 0.12 ? workers[random.Next(workers.Count)] : null;
            GeoPoint? at = null;
            if (random.NextDouble() < 0.85)
            {
                if (random.NextDouble() < 0.33)
                {
                    var spot = spots[category.Code][random.Next(6)];
                    at = new GeoPoint(spot.Lat + (random.NextDouble() - 0.5) * 0.002, spot.Lng + (random.NextDouble() - 0.5) * 0.002);
                }
                else
                {
                    at = new GeoPoint(bounds.MinLat + random.NextDouble() * (bounds.MaxLat - bounds.MinLat), bounds.MinLng + random.NextDouble() * (bounds.MaxLng - bounds.MinLng));
                }
            }

            var place = at is { } p ? grids.Locate(p.Lat, p.Lng, CoordinateSystems.Wgs84) : null;
            var urgent = category.Urgent || random.NextDouble() < 0.03;
            var ticket = new TicketRecord
            {
                Id = id,
                Number = $"{day:yyyyMMdd}-S{run}{seq:D5}",
                ChannelId = random.NextDouble() < 0.65 ? "wechat" : "directline",
                ReporterUserId = worker?.UserId ?? $"seed-{run}-{random.Next(50_000)}",
                ReporterConversationId = $"seed-{id}",
                ReporterRole = worker is null ? ReporterRole.Resident : ReporterRole.GridWorker,
                Anonymous = anonymous,
                ContactName = name,
                ContactPhone = phone,
                Type = category.Type,
                CategoryCode = category.Code,
                CategoryName = category.Name,
                Urgency = urgent ? Urgency.Urgent : Urgency.Normal,
                Address = at is null ? $"示例路{random.Next(1, 300)}号" : null,
                Latitude = at?.Lat,
                Longitude = at?.Lng,
                Crs = at is null ? null : CoordinateSystems.Wgs84,
                LatitudeWgs84 = at?.Lat,
                LongitudeWgs84 = at?.Lng,
                GridId = place?.GridId,
                GridName = place?.GridName,
                Community = place?.Community,
                Street = place?.Street,
                Description = anonymous ? $"【样例数据】{category.Name}" : $"【样例数据】{category.Name}，我是{name}，电话{phone}",
                Status = TicketStatus.Submitted,
                HighValue = worker is not null && random.NextDouble() < 0.2,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
                DueAt = answerClock.DueAt(category.Code, urgent, createdAt),
                // The seeder forms the hotspots itself, by the same rule.
                HotspotCheckedAt = createdAt,
            };
            ticket.History.Add(new TicketHistoryRecord { TicketId = id, Status = TicketStatus.Submitted, Actor = Actor.Citizen, At = createdAt });

            var unit = Units[category.Code.Sum(c => c) % Units.Length];
            unit = random.NextDouble() < 0.3 ? Units[random.Next(Units.Length)] : unit;
            var resolveAfter = TimeSpan.FromHours(Math.Exp(Math.Log(30) + 0.9 * Gaussian(random)));
            var dispatchAt = createdAt + TimeSpan.FromHours(1 + random.NextDouble() * 3);
            if (dispatchAt < now)
            {
                ticket.Status = TicketStatus.Dispatched;
                ticket.History.Add(new TicketHistoryRecord { TicketId = id, Status = TicketStatus.Dispatched, Actor = Actor.Center, Unit = unit, At = dispatchAt });
                if (worker is not null)
                {
                    points.Add(new GridWorkerPointsRecord { WorkerId = worker.Id, TicketId = id, Reason = "accepted", Points = 1, At = dispatchAt });
                    if (ticket.HighValue)
                    {
                        points.Add(new GridWorkerPointsRecord { WorkerId = worker.Id, TicketId = id, Reason = "high_value", Points = 5, At = dispatchAt });
                    }
                }
            }

            var resolvedAt = dispatchAt + resolveAfter;
            if (resolvedAt < now && random.NextDouble() < 0.95)
            {
                ticket.Status = random.NextDouble() < 0.05 ? TicketStatus.Closed : TicketStatus.Resolved;
                ticket.UpdatedAt = resolvedAt;
                ticket.History.Add(new TicketHistoryRecord { TicketId = id, Status = TicketStatus.Resolved, Actor = Actor.Center, Unit = unit, At = resolvedAt });
                var ratedAt = resolvedAt + TimeSpan.FromHours(1 + random.NextDouble() * 20);
                if (ratedAt < now && random.NextDouble() < 0.6)
                {
                    var roll = random.NextDouble();
                    var satisfaction = roll < unitQuality[unit] ? InsightQueries.Satisfied : roll < unitQuality[unit] + 0.2 ? InsightQueries.BasicallySatisfied : InsightQueries.Dissatisfied;
                    feedback.Add(new TicketFeedbackRecord { TicketId = id, Satisfaction = satisfaction, Resolved = satisfaction != InsightQueries.Dissatisfied, At = ratedAt });
                }
            }
            else if (createdAt > now - TimeSpan.FromHours(1))
            {
                ticket.Status = TicketStatus.Submitted;
            }
            else if (ticket.Status == TicketStatus.Dispatched && random.NextDouble() < 0.5)
            {
                ticket.Status = TicketStatus.InProgress;
            }

            historyCount += ticket.History.Count;
            tickets.Add(ticket);
            if (at is { } located)
            {
                clusterer.Add(ticket, located);
            }

            if (tickets.Count == Batch)
            {
                ratingCount += feedback.Count;
                await SaveAsync(tickets, feedback, points, cancellationToken).ConfigureAwait(false);
                LogProgress(logger, historyCount, ratingCount);
            }
        }

        ratingCount += feedback.Count;
        await SaveAsync(tickets, feedback, points, cancellationToken).ConfigureAwait(false);
        var hotspots = await clusterer.SaveAsync(databases, cancellationToken).ConfigureAwait(false);
        var bookings = await SeedBookingsAsync(random, Math.Max(1, count / 500), start, now, names, phones, Name, Phone, cancellationToken).ConfigureAwait(false);
        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            // Past days changed: the per-day rollup is made again from the tickets when next read.
            await InsightDays.ForgetAsync(db, cancellationToken).ConfigureAwait(false);
        }

        return new SeedResult(count, historyCount, ratingCount, hotspots, bookings, names.ToList(), phones.ToList());
    }

    private async Task SaveAsync(List<TicketRecord> tickets, List<TicketFeedbackRecord> feedback, List<GridWorkerPointsRecord> points, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Tickets.AddRange(tickets);
        db.Feedback.AddRange(feedback);
        db.GridWorkerPoints.AddRange(points);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        tickets.Clear();
        feedback.Clear();
        points.Clear();
    }

    private async Task<int> SeedBookingsAsync(
        Random random, int count, DateTimeOffset start, DateTimeOffset now, HashSet<string> names, HashSet<string> phones, Func<string> name, Func<string> phone, CancellationToken cancellationToken)
    {
        var mediators = mediation.Mediators.Values.ToList();
        if (mediators.Count == 0)
        {
            return 0;
        }

        var taken = new HashSet<(string, DateTimeOffset)>();
        var bookings = new List<MediationBookingRecord>();
        for (var i = 0; i < count; i++)
        {
            var (body, mediator) = mediators[random.Next(mediators.Count)];
            var createdAt = start + TimeSpan.FromTicks((long)(random.NextDouble() * (now - start).Ticks));
            var day = InsightFilter.DayOf(createdAt).AddDays(random.Next(2, 10));
            var slotStart = InsightFilter.StartOf(day) + TimeSpan.FromHours(9 + random.Next(0, 8));
            if (!taken.Add((mediator.MediatorId, slotStart)))
            {
                continue;
            }

            var roll = random.NextDouble();
            var status = slotStart > now
                ? (roll < 0.5 ? BookingStatus.Invited : BookingStatus.Confirmed)
                : roll < 0.6 ? BookingStatus.Confirmed : roll < 0.75 ? BookingStatus.Declined : roll < 0.9 ? BookingStatus.Expired : BookingStatus.Cancelled;
            var (applicant, applicantPhone, other) = (name(), phone(), name());
            names.Add(applicant);
            names.Add(other);
            phones.Add(applicantPhone);
            var id = Guid.CreateVersion7(createdAt).ToString("N");
            bookings.Add(new MediationBookingRecord
            {
                Id = id,
                Number = $"T{InsightFilter.DayOf(createdAt):yyyyMMdd}-S{i:D5}",
                Status = status,
                BodyId = body.BodyId,
                MediatorId = mediator.MediatorId,
                SlotStart = slotStart,
                SlotEnd = slotStart + TimeSpan.FromMinutes(mediator.SlotMinutes),
                DisputeType = "neighbor",
                Facts = "【样例数据】",
                ChannelId = "wechat",
                UserId = $"seed-{id}",
                ConversationId = $"seed-{id}",
                ApplicantName = applicant,
                ApplicantPhone = applicantPhone,
                OtherName = other,
                RoomName = $"seed-{id}",
                InvitationSent = true,
                InvitationExpiresAt = createdAt + TimeSpan.FromDays(2),
                CreatedAt = createdAt,
                AnsweredAt = status is BookingStatus.Confirmed or BookingStatus.Declined ? createdAt + TimeSpan.FromHours(5) : null,
            });
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.MediationBookings.Where(b => b.Status == BookingStatus.Invited || b.Status == BookingStatus.Confirmed).Select(b => new { b.MediatorId, b.SlotStart }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var clash = existing.Select(b => (b.MediatorId, b.SlotStart)).ToHashSet();
        var kept = bookings.Where(b => !BookingStatuses.Active.Contains(b.Status) || !clash.Contains((b.MediatorId, b.SlotStart))).ToList();
        db.MediationBookings.AddRange(kept);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return kept.Count;
    }

    private static int Pick(Random random, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded so far: {History} history rows, {Ratings} ratings")]
    private static partial void LogProgress(ILogger logger, int history, int ratings);

    /// <summary>The live hotspot rule applied in memory to reports in time order, as <see cref="HotspotWatch"/> would have.</summary>
    private sealed class SeedClusterer(HotspotRule rule)
    {
        private readonly Dictionary<string, List<(TicketRecord Ticket, GeoPoint At)>> _unclaimed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<HotspotRecord>> _live = new(StringComparer.Ordinal);
        private readonly List<HotspotRecord> _all = [];

        public void Add(TicketRecord ticket, GeoPoint at)
        {
            var since = ticket.CreatedAt - rule.Window;
            var unclaimed = Recent(_unclaimed, ticket.CategoryCode, u => u.Ticket.CreatedAt >= since);
            var live = Recent(_live, ticket.CategoryCode, h => h.LastReportAt >= since);
            var decision = rule.Decide(at, live.Where(h => h.LastReportAt >= since).Select(h => (h.Id, new GeoPoint(h.Latitude, h.Longitude))), unclaimed.Select(u => (u.Ticket.Id, u.At)));
            if (decision.JoinHotspotId is { } joined)
            {
                var hotspot = live.Single(h => h.Id == joined);
                hotspot.Tickets.Add(new HotspotTicketRecord { HotspotId = hotspot.Id, TicketId = ticket.Id });
                hotspot.TicketCount++;
                hotspot.LastReportAt = ticket.CreatedAt;
                return;
            }

            if (!decision.Forms)
            {
                unclaimed.Add((ticket, at));
                return;
            }

            var formed = new HotspotRecord
            {
                Id = Guid.CreateVersion7(ticket.CreatedAt).ToString("N"),
                CategoryCode = ticket.CategoryCode,
                CategoryName = ticket.CategoryName,
                Latitude = at.Lat,
                Longitude = at.Lng,
                GridId = ticket.GridId,
                GridName = ticket.GridName,
                FormedAt = ticket.CreatedAt,
                LastReportAt = ticket.CreatedAt,
                TicketCount = decision.NewMembers.Count + 1,
            };
            var members = decision.NewMembers.ToHashSet(StringComparer.Ordinal);
            unclaimed.RemoveAll(u => members.Contains(u.Ticket.Id));
            formed.Tickets.AddRange(members.Append(ticket.Id).Select(id => new HotspotTicketRecord { HotspotId = formed.Id, TicketId = id }));
            live.Add(formed);
            _all.Add(formed);
        }

        public async Task<int> SaveAsync(IDbContextFactory<CitizenBotDbContext> databases, CancellationToken cancellationToken)
        {
            foreach (var chunk in _all.Chunk(500))
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.Hotspots.AddRange(chunk);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            return _all.Count;
        }

        private static List<T> Recent<T>(Dictionary<string, List<T>> byCategory, string category, Predicate<T> keep)
        {
            if (!byCategory.TryGetValue(category, out var list))
            {
                byCategory[category] = list = [];
            }

            // Reports arrive in time order: what fell out of the window never comes back.
            var stale = list.FindIndex(item => keep(item));
            list.RemoveRange(0, stale < 0 ? list.Count : stale);
            return list;
        }
    }
}
