using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CitizenBot.Bot.Ticketing.Center.Simulator;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Tests.Insight;

/// <summary>The staff console's data as a staff member's browser (or a script) reads it from <c>/ops/insight/</c>.</summary>
public sealed class InsightApiTests : IAsyncLifetime
{
    private BotServer _server = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _server = new BotServer();
        _http = _server.CreateHttpClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("tickets?from=2026-13-01")]
    [InlineData("tickets?to=yesterday")]
    [InlineData("tickets?from=2026-11-20&to=2026-11-10")]
    [InlineData("tickets?from=2025-01-01&to=2026-11-30")]
    [InlineData("heat?category=../../etc")]
    [InlineData("hotspots?status=deleted")]
    [InlineData("overdue?channel=WeChat%20OR%201=1")]
    [InlineData("trends?role=admin")]
    [InlineData("mediation?from=20261101")]
    [InlineData("tickets?limit=0")]
    [InlineData("tickets?limit=50001")]
    [InlineData("digest?day=2026-02-30")]
    public async Task BadQuery_IsRefusedWithTheReason(string query)
    {
        var response = await _http.GetAsync("/ops/insight/" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Filters_SelectByCategoryStatusChannelRoleAndDate()
    {
        var now = DateTimeOffset.UtcNow;
        await InsightTestData.AddAsync(_server,
            InsightTestData.Ticket(now.AddHours(-2)),
            InsightTestData.Ticket(now.AddHours(-2), category: "04-04", categoryName: "机动车乱停放/僵尸车", channel: "directline"),
            InsightTestData.Ticket(now.AddHours(-3), role: ReporterRole.GridWorker).Resolved(now.AddHours(-1)),
            InsightTestData.Ticket(now.AddDays(-40)));

        Assert.Equal(3, await TotalAsync(""));
        Assert.Equal(2, await TotalAsync("category=01-02"));
        Assert.Equal(1, await TotalAsync("channel=directline"));
        Assert.Equal(1, await TotalAsync("role=grid_worker"));
        Assert.Equal(1, await TotalAsync("status=resolved"));
        Assert.Equal(2, await TotalAsync("category=01-02,04-04&channel=wechat"));
        var fortyDaysAgo = InsightFilter.DayOf(now.AddDays(-40)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await TotalAsync($"from={fortyDaysAgo}&to={fortyDaysAgo}"));

        var heat = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/heat");
        Assert.Equal(3, heat.GetProperty("total").GetInt32());
        var grid = heat.GetProperty("byGrid").EnumerateArray().Single(g => g.GetProperty("key").GetString() == "SAMPLE-001");
        Assert.Equal(3, grid.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ThreeReportsWithin200Metres_FormAHotspotThatReachesTheCenter()
    {
        var now = DateTimeOffset.UtcNow;
        var (nLat, nLng) = InsightTestData.Offset(120, 0);
        var (eLat, eLng) = InsightTestData.Offset(0, 150);
        var (farLat, farLng) = InsightTestData.Offset(0, 450);
        var first = InsightTestData.Ticket(now.AddDays(-3));
        var far = InsightTestData.Ticket(now.AddDays(-2), lat: farLat, lng: farLng);
        var otherCategory = InsightTestData.Ticket(now.AddDays(-2), category: "04-04", categoryName: "机动车乱停放/僵尸车", lat: nLat, lng: nLng);
        var second = InsightTestData.Ticket(now.AddDays(-1), lat: nLat, lng: nLng);
        var third = InsightTestData.Ticket(now.AddMinutes(-5), lat: eLat, lng: eLng);
        var watch = _server.Services.GetRequiredService<HotspotWatch>();

        foreach (var ticket in new[] { first, far, otherCategory, second })
        {
            await InsightTestData.AddAsync(_server, ticket);
            Assert.Null(await watch.CheckOnceAsync(ticket.Id, CancellationToken.None));
        }

        await InsightTestData.AddAsync(_server, third);
        var hotspotId = await watch.CheckOnceAsync(third.Id, CancellationToken.None);

        Assert.NotNull(hotspotId);
        var hotspots = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/hotspots");
        var hotspot = Assert.Single(hotspots.EnumerateArray());
        Assert.Equal("01-02", hotspot.GetProperty("categoryCode").GetString());
        Assert.Equal(
            new[] { first.Number, second.Number, third.Number },
            hotspot.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("number").GetString()).ToArray());
        var center = _server.Services.GetRequiredService<SimulatedCenterState>();
        var pushed = await InsightTestData.EventuallyAsync(() => center.Hotspots.GetValueOrDefault(hotspotId!));
        Assert.Equal(3, pushed.ReportCount);
        Assert.Equal(new[] { first.Id, second.Id, third.Id }, pushed.Tickets.Select(t => t.Id).ToArray());
    }

    [Fact]
    public async Task FourthReportNearby_JoinsTheHotspotInsteadOfFormingAnother()
    {
        var now = DateTimeOffset.UtcNow;
        var watch = _server.Services.GetRequiredService<HotspotWatch>();
        var tickets = Enumerable.Range(0, 4).Select(i => InsightTestData.Ticket(now.AddHours(-10 + i))).ToList();
        string? formed = null;
        foreach (var ticket in tickets)
        {
            await InsightTestData.AddAsync(_server, ticket);
            var id = await watch.CheckOnceAsync(ticket.Id, CancellationToken.None);
            formed ??= id;
        }

        var hotspot = Assert.Single((await _http.GetFromJsonAsync<JsonElement>("/ops/insight/hotspots")).EnumerateArray());
        Assert.Equal(formed, hotspot.GetProperty("id").GetString());
        Assert.Equal(4, hotspot.GetProperty("ticketCount").GetInt32());
    }

    [Fact]
    public async Task ThreeReportsFiledNearby_FormAHotspot_CheckedInTheJobsThatPushThem()
    {
        var desk = _server.Services.GetRequiredService<IReportDesk>();
        var submitted = new List<string>();
        foreach (var (north, east) in new[] { (0, 0), (120, 0), (0, 150) })
        {
            var (lat, lng) = InsightTestData.Offset(north, east);
            var reporter = new Reporter("directline", $"near-{north}-{east}", $"conv-{north}-{east}");
            var receipt = await desk.SubmitAsync(
                new ReportSubmission(reporter, "01-02", "楼道里堆满了杂物", [], new ReportLocation(lat, lng), Anonymous: true, ContactName: null, ContactPhone: null),
                CancellationToken.None);
            submitted.Add(receipt.Number);
        }

        var members = await InsightTestData.EventuallyAsync(async () =>
        {
            var hotspots = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/hotspots");
            return hotspots.EnumerateArray()
                .Select(h => h.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("number").GetString()!).ToList())
                .FirstOrDefault();
        });
        Assert.Equal(submitted, members);
    }

    [Fact]
    public async Task ReportsFiledInTheSameMillisecond_AreListedInTheHotspotInFilingOrder()
    {
        // Times are kept to the millisecond, and reports filed one after another can share one; their ids (random after
        // the time) then sort against their filing order here.
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var tickets = Enumerable.Range(0, 3).Select(i => InsightTestData.Ticket(at)).ToList();
        for (var i = 0; i < tickets.Count; i++)
        {
            tickets[i].Id = new string((char)('f' - i), 32);
            tickets[i].History.ForEach(h => h.TicketId = tickets[i].Id);
        }

        var watch = _server.Services.GetRequiredService<HotspotWatch>();
        foreach (var ticket in tickets)
        {
            await InsightTestData.AddAsync(_server, ticket);
            await watch.CheckOnceAsync(ticket.Id, CancellationToken.None);
        }

        var hotspot = Assert.Single((await _http.GetFromJsonAsync<JsonElement>("/ops/insight/hotspots")).EnumerateArray());
        Assert.Equal(tickets.Select(t => t.Number), hotspot.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task ReportsOutsideTheWindow_DoNotFormAHotspot()
    {
        var now = DateTimeOffset.UtcNow;
        var watch = _server.Services.GetRequiredService<HotspotWatch>();
        var tickets = new[] { InsightTestData.Ticket(now.AddDays(-9)), InsightTestData.Ticket(now.AddDays(-8)), InsightTestData.Ticket(now) };
        foreach (var ticket in tickets)
        {
            await InsightTestData.AddAsync(_server, ticket);
            Assert.Null(await watch.CheckOnceAsync(ticket.Id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Overdue_ListsOpenTicketsPastOrNearTheirAnswerTimeOldestFirst()
    {
        var now = DateTimeOffset.UtcNow;
        var late = InsightTestData.Ticket(now.AddDays(-7), status: TicketStatus.Dispatched);
        var lateUrgent = InsightTestData.Ticket(now.AddDays(-2), urgency: Urgency.Urgent, status: TicketStatus.Accepted);
        var soon = InsightTestData.Ticket(now.AddDays(-4.5));
        var fresh = InsightTestData.Ticket(now.AddDays(-1));
        var done = InsightTestData.Ticket(now.AddDays(-9)).Resolved(now.AddDays(-8));
        await InsightTestData.AddAsync(_server, late, lateUrgent, soon, fresh, done);

        var rows = (await _http.GetFromJsonAsync<JsonElement>("/ops/insight/overdue")).EnumerateArray().ToList();

        Assert.Equal(new[] { late.Number, lateUrgent.Number, soon.Number }, rows.Select(r => r.GetProperty("ticket").GetProperty("number").GetString()).ToArray());
        Assert.Equal(new[] { true, true, false }, rows.Select(r => r.GetProperty("overdue").GetBoolean()).ToArray());
    }

    [Fact]
    public async Task Overdue_TicketWithItsOwnDueTime_ListedByItNotByTheConsolesDefault()
    {
        var now = DateTimeOffset.UtcNow;
        // Filed three hours ago with a two-hour answer time (the citizen was told so): overdue, though the console's
        // default answer time for tickets without one is days. And one due in a week: not listed, however old.
        var toldTwoHours = InsightTestData.Ticket(now.AddHours(-3), status: TicketStatus.Accepted);
        toldTwoHours.DueAt = now.AddHours(-1);
        var toldNextWeek = InsightTestData.Ticket(now.AddDays(-9), status: TicketStatus.ReopenRequested);
        toldNextWeek.DueAt = now.AddDays(7);
        await InsightTestData.AddAsync(_server, toldTwoHours, toldNextWeek);

        var rows = (await _http.GetFromJsonAsync<JsonElement>("/ops/insight/overdue")).EnumerateArray().ToList();

        var row = Assert.Single(rows);
        Assert.Equal(toldTwoHours.Number, row.GetProperty("ticket").GetProperty("number").GetString());
        Assert.True(row.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task TicketsCsv_HasAHeaderAndOneLinePerTicketWithoutPersonalData()
    {
        var now = DateTimeOffset.UtcNow;
        await InsightTestData.AddAsync(_server,
            InsightTestData.Ticket(now.AddHours(-1), name: "欧阳娜娜", phone: "13912345678"),
            InsightTestData.Ticket(now.AddHours(-2)));

        var response = await _http.GetAsync("/ops/insight/tickets?format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("工单编号,类别代码,类别", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain("欧阳娜娜", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trends_CountPerDayMedianTimeToResolveAndSatisfaction()
    {
        var now = DateTimeOffset.UtcNow;
        var a = InsightTestData.Ticket(now.AddDays(-3)).Resolved(now.AddDays(-3).AddHours(10));
        var b = InsightTestData.Ticket(now.AddDays(-3)).Resolved(now.AddDays(-3).AddHours(20));
        var c = InsightTestData.Ticket(now.AddDays(-2)).Resolved(now.AddDays(-2).AddHours(30));
        await InsightTestData.AddAsync(_server, a, b, c,
            new TicketFeedbackRecord { TicketId = a.Id, Satisfaction = "satisfied", Resolved = true, At = now },
            new TicketFeedbackRecord { TicketId = b.Id, Satisfaction = "dissatisfied", Resolved = false, At = now });

        var trends = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/trends");

        // 10, 20 and 30 hours: the median is read from a histogram of log-spaced buckets, within the bucket of 20 hours.
        var bucket = DurationHistogram.BucketOf(TimeSpan.FromHours(20));
        Assert.InRange(trends.GetProperty("timeToResolve").GetProperty("medianHours").GetDouble(),
            Math.Floor(DurationHistogram.LowerMinutes(bucket) / 6) / 10, Math.Ceiling(DurationHistogram.UpperMinutes(bucket) / 6) / 10);
        Assert.Equal(3, trends.GetProperty("perDay").EnumerateArray().Sum(d => d.GetProperty("count").GetInt32()));
        var satisfaction = Assert.Single(trends.GetProperty("satisfactionByCategory").EnumerateArray());
        Assert.Equal(50, satisfaction.GetProperty("rate").GetDouble());
    }

    [Fact]
    public async Task Trends_OfPastDays_ComeFromTheDailyRollup_AndMatchALiveCount()
    {
        var now = DateTimeOffset.UtcNow;
        var records = new List<object>();
        for (var i = 0; i < 12; i++)
        {
            var ticket = InsightTestData.Ticket(now.AddDays(-20 + i), category: i % 3 == 0 ? "04-04" : "01-02", categoryName: i % 3 == 0 ? "机动车乱停放/僵尸车" : "市容环境",
                channel: i % 2 == 0 ? "wechat" : "directline", lat: i % 4 == 0 ? null : InsightTestData.Lat, lng: i % 4 == 0 ? null : InsightTestData.Lng)
                .Resolved(now.AddDays(-20 + i).AddHours(5 + (i * 7)));
            records.Add(ticket);
            records.Add(new TicketFeedbackRecord { TicketId = ticket.Id, Satisfaction = i % 3 == 1 ? "dissatisfied" : "satisfied", Resolved = true, At = now.AddDays(-19 + i) });
        }

        await InsightTestData.AddAsync(_server, [.. records]);
        var range = $"from={InsightQueries.DayText(InsightFilter.DayOf(now).AddDays(-25))}&to={InsightQueries.DayText(InsightFilter.DayOf(now))}";

        var rolledUp = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/trends?" + range);
        // A status filter is always counted live from the tickets (statuses change); every ticket here is resolved.
        var live = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/trends?status=resolved&" + range);

        foreach (var part in new[] { "perDay", "categories", "timeToResolve", "timeToResolveByCategory", "satisfactionByCategory", "satisfactionByGrid" })
        {
            Assert.Equal(live.GetProperty(part).GetRawText(), rolledUp.GetProperty(part).GetRawText());
        }

        Assert.Equal(12, rolledUp.GetProperty("perDay").EnumerateArray().Sum(d => d.GetProperty("count").GetInt32()));
        await using var db = await _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        Assert.True(await db.InsightDays.CountAsync(d => d.Measure == InsightDays.DayMeasure) >= 20);
        Assert.True(await db.InsightDays.CountAsync(d => d.Measure == InsightDays.ResolvedMeasure) > 0);
        // The settled days are read back, not counted again: a ticket slipped into one behind the rollup's back is not seen.
        db.Tickets.Add(InsightTestData.Ticket(now.AddDays(-15)));
        await db.SaveChangesAsync();
        var again = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/trends?" + range);
        Assert.Equal(12, again.GetProperty("perDay").EnumerateArray().Sum(d => d.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task AYearOfHeatAndTrends_FromTheRollup_EqualsALiveCountOfTheSeededTickets()
    {
        await _server.Services.GetRequiredService<TicketSeeder>().SeedAsync(3000, days: 365, randomSeed: 11, CancellationToken.None);
        var today = InsightFilter.DayOf(DateTimeOffset.UtcNow);
        var range = $"from={InsightQueries.DayText(today.AddDays(-364))}&to={InsightQueries.DayText(today)}";
        // A filter by every status selects every ticket but is always counted live from the tickets (statuses change).
        var everyStatus = "status=submitted,accepted,dispatched,in_progress,resolved,returned,closed&";

        var rolledUpHeat = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/heat?" + range);
        var liveHeat = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/heat?" + everyStatus + range);
        var rolledUpTrends = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/trends?" + range);
        var liveTrends = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/trends?" + everyStatus + range);

        Assert.InRange(rolledUpHeat.GetProperty("total").GetInt32(), 2900, 3000);
        Assert.Equal(liveHeat.GetProperty("total").GetInt32(), rolledUpHeat.GetProperty("total").GetInt32());
        foreach (var part in new[] { "byGrid", "byCategory", "byStatus", "byChannel", "byRole" })
        {
            Assert.Equal(Counts(liveHeat, part), Counts(rolledUpHeat, part));
        }

        foreach (var part in new[] { "perDay", "categories", "timeToResolve", "timeToResolveByCategory", "satisfactionByCategory", "satisfactionByGrid" })
        {
            Assert.Equal(liveTrends.GetProperty(part).GetRawText(), rolledUpTrends.GetProperty(part).GetRawText());
        }

        await using var db = await _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        Assert.True(await db.InsightDays.CountAsync(d => d.Measure == InsightDays.HeatMeasure) > 300);
        // Filtered by category and channel, the rollup still counts what a live count does.
        var filter = "category=04-04&channel=wechat&";
        var rolledUpPart = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/heat?" + filter + range);
        var livePart = await _http.GetFromJsonAsync<JsonElement>("/ops/insight/heat?" + filter + everyStatus + range);
        Assert.InRange(rolledUpPart.GetProperty("total").GetInt32(), 1, 2999);
        Assert.Equal(Counts(livePart, "byGrid"), Counts(rolledUpPart, "byGrid"));
    }

    [Fact]
    public async Task MedianTimeToResolve_FromTheRollup_IsWithinOneBucketOfTheExactMedian()
    {
        await _server.Services.GetRequiredService<TicketSeeder>().SeedAsync(2000, days: 60, randomSeed: 5, CancellationToken.None);
        var today = InsightFilter.DayOf(DateTimeOffset.UtcNow);
        var (fromDay, toDay) = (today.AddDays(-59), today.AddDays(-2));
        var trends = await _http.GetFromJsonAsync<JsonElement>($"/ops/insight/trends?from={InsightQueries.DayText(fromDay)}&to={InsightQueries.DayText(toDay)}");

        // The exact median, computed here from every ticket's first 办结 in the range.
        await using var db = await _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        var (from, to) = (InsightFilter.StartOf(fromDay), InsightFilter.StartOf(toDay.AddDays(1)));
        var firsts = (await db.History.AsNoTracking().Where(h => h.Status == TicketStatus.Resolved)
                .Join(db.Tickets.AsNoTracking(), h => h.TicketId, t => t.Id, (h, t) => new { h.TicketId, h.At, t.CreatedAt }).ToListAsync())
            .GroupBy(r => r.TicketId).Select(g => g.OrderBy(r => r.At).First())
            .Where(r => r.At >= from && r.At < to).Select(r => (r.At - r.CreatedAt).TotalMinutes).Order().ToList();
        Assert.True(firsts.Count > 500);
        var exact = firsts.Count % 2 == 1 ? firsts[firsts.Count / 2] : (firsts[(firsts.Count / 2) - 1] + firsts[firsts.Count / 2]) / 2;

        var bucket = DurationHistogram.BucketOf(TimeSpan.FromMinutes(exact));
        var median = trends.GetProperty("timeToResolve").GetProperty("medianHours").GetDouble();
        Assert.Equal(firsts.Count, trends.GetProperty("timeToResolve").GetProperty("count").GetInt32());
        Assert.InRange(median * 60, DurationHistogram.LowerMinutes(bucket - 1) - 3, DurationHistogram.UpperMinutes(bucket + 1) + 3);
    }

    private static List<string> Counts(JsonElement view, string part) =>
        view.GetProperty(part).EnumerateArray().Select(c => $"{c.GetProperty("key").GetString()}|{c.GetProperty("name").GetString()}|{c.GetProperty("count").GetInt32()}").Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task HotspotCheckLostWithItsProcess_IsMadeByTheSweep_OnceForEachReport()
    {
        var now = DateTimeOffset.UtcNow;
        var (nLat, nLng) = InsightTestData.Offset(100, 0);
        // Saved, but their queued checks never ran (the process died): HotspotCheckedAt is still empty.
        var lost = new[]
        {
            InsightTestData.Ticket(now.AddHours(-2)),
            InsightTestData.Ticket(now.AddHours(-1), lat: nLat, lng: nLng),
            InsightTestData.Ticket(now.AddMinutes(-30)),
        };
        var justFiled = InsightTestData.Ticket(now.AddSeconds(-5));
        await InsightTestData.AddAsync(_server, [.. lost, justFiled]);
        var sweep = _server.Services.GetRequiredService<InsightSweep>();

        var first = await sweep.SweepAsync(CancellationToken.None);
        var second = await sweep.SweepAsync(CancellationToken.None);

        Assert.Equal(3, first.Checked);
        Assert.Equal(0, second.Checked);
        var hotspot = Assert.Single((await _http.GetFromJsonAsync<JsonElement>("/ops/insight/hotspots")).EnumerateArray());
        Assert.Equal(lost.Select(t => t.Number).ToArray(), hotspot.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("number").GetString()).ToArray());
        await using var db = await _server.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        var checkedIds = await db.Tickets.Where(t => t.HotspotCheckedAt != null).Select(t => t.Id).ToListAsync();
        Assert.Equal(lost.Select(t => t.Id).Order(StringComparer.Ordinal), checkedIds.Order(StringComparer.Ordinal));
    }

    private async Task<int> TotalAsync(string query) =>
        (await _http.GetFromJsonAsync<JsonElement>("/ops/insight/tickets?" + query)).GetProperty("total").GetInt32();
}

/// <summary>The console behind the same credentials as the jobs dashboard.</summary>
public sealed class InsightAccessTests : IAsyncLifetime
{
    private BotServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new BotServer(settings: new Dictionary<string, string?> { ["Ops:User"] = "staff", ["Ops:Password"] = "s3cret-enough" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/ops/console")]
    [InlineData("/ops/console/console.js")]
    [InlineData("/ops/console/grids.geojson")]
    [InlineData("/ops/insight/tickets?format=csv")]
    [InlineData("/ops/insight/digest")]
    public async Task WithoutOrWithWrongCredentials_Refused(string path)
    {
        using var http = _server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(path)).StatusCode);

        http.DefaultRequestHeaders.Authorization = Basic("staff", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(path)).StatusCode);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "not base64!");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(path)).StatusCode);

        http.DefaultRequestHeaders.Authorization = Basic("staff", "s3cret-enough");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
