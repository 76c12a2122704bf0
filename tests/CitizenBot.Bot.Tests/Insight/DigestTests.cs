using CitizenBot.Bot.Ticketing.Center.Simulator;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Tests.Insight;

/// <summary>
/// The 研判日报 of a day built from tickets whose numbers the test knows: every figure is counted here by hand from
/// what was written, not by the digest's own queries.
/// </summary>
public sealed class DigestTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly DateTimeOffset Start = InsightFilter.StartOf(Day);

    private BotServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new BotServer(settings: new Dictionary<string, string?> { ["Insight:DigestToCenter"] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task DigestOfASeededDay_MatchesCountsMadeByHand()
    {
        await SeedDayAsync();

        var report = await _server.Services.GetRequiredService<DigestJob>().WriteAsync(Day, CancellationToken.None);

        // 7 reports on the day: 5 市容环境 (2 WeChat, 3 web), 2 乱停放 (1 urgent, 1 by a grid worker).
        Assert.Equal("2026-11-20", report.Day);
        Assert.Equal(7, report.Tickets);
        Assert.Equal(1, report.Urgent);
        Assert.Equal(1, report.ByGridWorkers);
        Assert.Equal(new[] { ("01-02", 5), ("04-04", 2) }, report.ByCategory.Select(c => (c.Key, c.Count)).ToArray());
        Assert.Equal(new[] { ("wechat", 4), ("directline", 3) }, report.ByChannel.Select(c => (c.Key, c.Count)).ToArray());
        // Two tickets first 办结 on the day, after 20 days + 2 h and 20 days + 3 h; a third was 办结 before and again.
        Assert.Equal(2, report.Resolved);
        Assert.Equal(482.5, report.MedianHoursToResolve);
        // Three ratings on the day: satisfied, dissatisfied, basically satisfied.
        Assert.Equal(3, report.Rated);
        Assert.Equal(66.7, report.SatisfactionRate);
        Assert.Equal(new[] { "市容环境" }, report.NewHotspots.Select(h => h.CategoryName).ToArray());
        // One open ticket 10 days old (due 5 days before); one 4 days old is not due until the next day.
        Assert.Equal(1, report.OverdueCount);
        // 市容环境 5 against 0 a day before; 乱停放 2 against 7 in 7 days.
        Assert.Equal(new[] { ("01-02", 5.0, 5.0), ("04-04", 2.0, 1.0) }, report.Risers.Select(r => (r.CategoryCode, (double)r.Count, r.Change)).ToArray());
        Assert.Equal(new[] { ("二号单位", 0.0), ("一号单位", 66.7) }, report.LowestRatedUnits.Select(u => (u.Unit, u.Rate)).ToArray());

        var file = Path.Combine(_server.DataDirectory, "digests", "研判日报-2026-11-20.md");
        var markdown = await File.ReadAllTextAsync(file);
        Assert.StartsWith("# 研判日报 2026-11-20", markdown, StringComparison.Ordinal);
        Assert.Contains("新增上报：7 件", markdown, StringComparison.Ordinal);
        Assert.Contains("二号单位：3 件评价，满意率 0%", markdown, StringComparison.Ordinal);

        var center = _server.Services.GetRequiredService<SimulatedCenterState>();
        var sent = await InsightTestData.EventuallyAsync(() => center.Digests.GetValueOrDefault("2026-11-20"));
        Assert.Equal(7, sent.Tickets);
        Assert.Equal(1, sent.Overdue);
        Assert.Equal(markdown, sent.Markdown);
    }

    private async Task SeedDayAsync()
    {
        var records = new List<object>();
        for (var i = 0; i < 5; i++)
        {
            records.Add(InsightTestData.Ticket(Start.AddHours(1 + i), channel: i < 2 ? "wechat" : "directline"));
        }

        var parking = (Code: "04-04", Name: "机动车乱停放/僵尸车");
        records.Add(InsightTestData.Ticket(Start.AddHours(10), parking.Code, parking.Name, urgency: Urgency.Urgent));
        records.Add(InsightTestData.Ticket(Start.AddDays(1).AddMinutes(-1), parking.Code, parking.Name, role: ReporterRole.GridWorker));

        // Not on the day: a minute before (it counts in the 7 days before) and the next day.
        records.Add(InsightTestData.Ticket(Start.AddMinutes(-1), parking.Code, parking.Name).Resolved(Start.AddSeconds(-1)));
        records.Add(InsightTestData.Ticket(Start.AddDays(1), parking.Code, parking.Name));
        for (var i = 2; i <= 7; i++)
        {
            records.Add(InsightTestData.Ticket(Start.AddDays(-i), parking.Code, parking.Name).Resolved(Start.AddDays(-i).AddHours(8)));
        }

        // 办结 on the day, rated on the day.
        var repairs = (Code: "02-01", Name: "公共设施损坏");
        var r1 = InsightTestData.Ticket(Start.AddDays(-20), repairs.Code, repairs.Name).Resolved(Start.AddHours(2), "一号单位");
        var r2 = InsightTestData.Ticket(Start.AddDays(-20), repairs.Code, repairs.Name).Resolved(Start.AddHours(3), "一号单位");
        var r3 = InsightTestData.Ticket(Start.AddDays(-20), repairs.Code, repairs.Name).Resolved(Start.AddDays(-5), "一号单位").Resolved(Start.AddHours(4), "一号单位");
        records.AddRange([r1, r2, r3]);
        records.Add(Rating(r1, "satisfied", Start.AddHours(5)));
        records.Add(Rating(r2, "dissatisfied", Start.AddHours(6)));
        records.Add(Rating(r3, "basically_satisfied", Start.AddHours(7)));

        // Rated earlier within 30 days: 二号单位 three times dissatisfied, 三号单位 only twice (too few to rank).
        foreach (var (unit, count) in new[] { ("二号单位", 3), ("三号单位", 2) })
        {
            for (var i = 0; i < count; i++)
            {
                var t = InsightTestData.Ticket(Start.AddDays(-25), repairs.Code, repairs.Name).Resolved(Start.AddDays(-10), unit);
                records.Add(t);
                records.Add(Rating(t, "dissatisfied", Start.AddDays(-9)));
            }
        }

        // Open: 10 days old is overdue at the end of the day; 4 days old is due the next day.
        records.Add(InsightTestData.Ticket(Start.AddDays(-10), "99-99", "其他", status: TicketStatus.Dispatched));
        records.Add(InsightTestData.Ticket(Start.AddDays(-4).AddHours(6), "99-99", "其他", status: TicketStatus.Dispatched));

        records.Add(Hotspot(Start.AddHours(3)));
        records.Add(Hotspot(Start.AddHours(-3)));
        await InsightTestData.AddAsync(_server, records.ToArray());
    }

    private static TicketFeedbackRecord Rating(TicketRecord ticket, string satisfaction, DateTimeOffset at) =>
        new() { TicketId = ticket.Id, Satisfaction = satisfaction, Resolved = satisfaction != "dissatisfied", At = at };

    private static HotspotRecord Hotspot(DateTimeOffset formedAt) => new()
    {
        Id = Guid.CreateVersion7(formedAt).ToString("N"),
        CategoryCode = "01-02",
        CategoryName = "市容环境",
        Latitude = InsightTestData.Lat,
        Longitude = InsightTestData.Lng,
        GridId = "SAMPLE-001",
        GridName = "青松社区第1网格",
        FormedAt = formedAt,
        LastReportAt = formedAt,
        TicketCount = 3,
    };
}
