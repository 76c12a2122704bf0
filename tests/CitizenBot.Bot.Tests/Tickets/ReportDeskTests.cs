using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Ticketing.Geo;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Bot.Ticketing.Tickets;
using CitizenBot.Bot.Tests.Center;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.GridWorker;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CitizenBot.Bot.Tests.TestData;

namespace CitizenBot.Bot.Tests.Tickets;

/// <summary>Serial with the other ticketing hosts: Hangfire keeps some process-wide state (log provider).</summary>
[Collection(TicketingCollection.Name)]
public sealed class ReportDeskTests : IAsyncLifetime
{
    private FakeCenter _center = null!;
    private TicketingTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _center = await FakeCenter.StartAsync();
        _host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), _center.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _center.DisposeAsync();
    }

    [Fact]
    public void Categories_EmbeddedTaxonomy_ListsTheNineCategoriesInMenuOrder()
    {
        var names = _host.Desk.Categories.Select(c => c.Name).ToList();

        Assert.Equal(["消防/安全隐患", "私搭乱建/违法建设", "市容环境", "机动车乱停放/僵尸车", "公共设施损坏", "劳资纠纷/欠薪", "邻里纠纷", "物业纠纷", "其他"], names);
        Assert.Contains("欠薪", _host.Desk.Categories.Single(c => c.Name == "劳资纠纷/欠薪").Keywords);
    }

    [Fact]
    public async Task Submit_TenThousandCharacterDescription_CappedAt2000()
    {
        var receipt = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident(), new string('堵', 10_000)), CancellationToken.None);

        var stored = await _host.QueryAsync(db => db.Tickets.Where(t => t.Id == receipt.TicketId).Select(t => t.Description).SingleAsync());
        Assert.Equal(2000, stored.Length);
    }

    [Fact]
    public async Task Submit_TwentyAtOnce_EveryNumberUniqueAndConsecutive()
    {
        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("u" + i)), CancellationToken.None)));

        var sequence = receipts.Select(r => int.Parse(r.Number[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(sequence[0], 20), sequence);
        Assert.All(receipts, r => Assert.Matches("^[0-9]{8}-[0-9]{4}$", r.Number));
        // Twenty reports at one place also form a hotspot, whose push to the center is an outbox row of its own.
        Assert.Equal(20, await _host.QueryAsync(db => db.Outbox.CountAsync(o => o.Key.Kind == OutboxKinds.Ticket)));
    }

    [Fact]
    public async Task Submit_PointInsideGrid_TicketCarriesGridAndCommunity()
    {
        var receipt = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident(), latitude: 30.005, longitude: 120.025), CancellationToken.None);

        Assert.Equal("SAMPLE-005", receipt.Place?.GridId);
        Assert.Equal("翠湖社区", receipt.Place?.Community);
    }

    [Fact]
    public async Task Submit_PointOutsideEveryGrid_AcceptedWithoutGrid()
    {
        var receipt = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident(), latitude: 31.5, longitude: 121.5), CancellationToken.None);

        Assert.Null(receipt.Place);
        Assert.Null(await _host.Desk.LocateAsync(new ReportLocation(31.5, 121.5), CancellationToken.None));
        Assert.Null(await _host.QueryAsync(db => db.Tickets.Where(t => t.Id == receipt.TicketId).Select(t => t.GridId).SingleAsync()));
    }

    [Fact]
    public async Task FindPossibleDuplicate_SameCategoryWithin100mInGcj02_Found_FartherNot()
    {
        await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("first"), latitude: 30.005, longitude: 120.005), CancellationToken.None);
        // The same spot reported from WeChat, which sends GCJ-02: 50 m north of it.
        var (gcjLat, gcjLng) = ChinaDatum.Wgs84ToGcj02(30.005 + 50 / 111_195.0, 120.005);

        var near = await _host.Desk.FindPossibleDuplicateAsync("05-01", new ReportLocation(gcjLat, gcjLng, CoordinateSystems.Gcj02), CancellationToken.None);
        var far = await _host.Desk.FindPossibleDuplicateAsync("05-01", new ReportLocation(30.005 + 150 / 111_195.0, 120.005), CancellationToken.None);
        var otherCategory = await _host.Desk.FindPossibleDuplicateAsync("02-01", new ReportLocation(30.005, 120.005), CancellationToken.None);

        Assert.NotNull(near);
        Assert.InRange(near!.DistanceMeters!.Value, 45, 55);
        Assert.Null(far);
        Assert.Null(otherCategory);
    }

    [Fact]
    public async Task FindPossibleDuplicate_ManyOpenTicketsAround_NearestOfferedWithItsHistory()
    {
        for (var i = 0; i < 20; i++)
        {
            await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("n" + i), latitude: 30.005 + (30 + (3 * i)) / 111_195.0), CancellationToken.None);
        }

        var nearest = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("nearest"), latitude: 30.005 - 10 / 111_195.0), CancellationToken.None);

        var found = await _host.Desk.FindPossibleDuplicateAsync("05-01", new ReportLocation(30.005, 120.005), CancellationToken.None);

        Assert.Equal(nearest.Number, found?.Number);
        Assert.InRange(found!.DistanceMeters!.Value, 9, 11);
        Assert.NotEmpty(found.History);
    }

    public static TheoryData<TicketStatus> FinishedStatuses => new(TicketStatuses.Finished);

    [Theory]
    [MemberData(nameof(FinishedStatuses))]
    public async Task FindPossibleDuplicate_FinishedTicketAtTheSameSpot_NotOffered(TicketStatus finished)
    {
        var done = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("done")), CancellationToken.None);
        await _host.QueryAsync(db => db.Tickets.Where(t => t.Id == done.TicketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, finished)));

        var found = await _host.Desk.FindPossibleDuplicateAsync("05-01", new ReportLocation(30.005, 120.005), CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task ListMine_TwoReporters_EachSeesOnlyTheirOwn()
    {
        await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("alice")), CancellationToken.None);
        await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("bob")), CancellationToken.None);

        var alice = await _host.Desk.ListMineAsync(TicketingTestHost.Resident("alice"), 10, CancellationToken.None);

        var only = Assert.Single(alice);
        Assert.Equal(TicketStatus.Submitted, only.Status);
        Assert.Equal("消防/安全隐患", only.CategoryName);
    }

    [Fact]
    public async Task ListMine_AnotherCitizenSupplementedMyTicket_ISeeThatItCameButNotTheirWords()
    {
        var mine = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("owner")), CancellationToken.None);

        await _host.Desk.SupplementAsync(mine.TicketId,
            TicketingTestHost.Submission(TicketingTestHost.Resident("neighbour"), "我是3楼的王阿姨，电话13800138000，车还堵着"), CancellationToken.None);

        var history = Assert.Single(await _host.Desk.ListMineAsync(TicketingTestHost.Resident("owner"), 10, CancellationToken.None)).History;
        var supplement = Assert.Single(history, e => e.Status == TicketStatus.Supplemented);
        Assert.Null(supplement.Note);
        Assert.DoesNotContain(history, e => e.Note?.Contains("王阿姨", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Submit_PhotoOfAnotherUser_NotAttached()
    {
        var photo = await _host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(TestImages.Jpeg()) },
            TicketingTestHost.Resident("owner"), CancellationToken.None);

        var receipt = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("thief"), photos: [photo.PhotoId!]), CancellationToken.None);

        Assert.Equal(0, await _host.QueryAsync(db => db.Photos.CountAsync(p => p.TicketId == receipt.TicketId)));
    }

    [Fact]
    public async Task Submit_RegisteredGridWorkerWithoutTheFlowsRole_FiledAsGridWorker()
    {
        // The emergency flow reads no role: the desk asks the registry.
        var rider = TicketingTestHost.Resident("rider");
        await RegisterGridWorkerAsync(rider);

        var receipt = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(rider), CancellationToken.None);

        Assert.Equal(ReporterRole.GridWorker, await _host.QueryAsync(db => db.Tickets.Where(t => t.Id == receipt.TicketId).Select(t => t.ReporterRole).SingleAsync()));
    }

    [Fact]
    public async Task Submit_RoleTheReportFlowReadAtItsStart_KeptAsItWas()
    {
        // The Report flow read "resident" when it started; registering before its 是 does not change that report's role,
        // because the desk takes the role from the flow instead of asking the registry a second time.
        var citizen = TicketingTestHost.Resident("registers-mid-report");
        await RegisterGridWorkerAsync(citizen);

        var asResident = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(citizen) with { RoleFromRegistry = true }, CancellationToken.None);
        var asWorker = await _host.Desk.SubmitAsync(
            TicketingTestHost.Submission(citizen with { Role = ReporterRole.GridWorker }) with { RoleFromRegistry = true }, CancellationToken.None);

        Assert.Equal(ReporterRole.Resident, await _host.QueryAsync(db => db.Tickets.Where(t => t.Id == asResident.TicketId).Select(t => t.ReporterRole).SingleAsync()));
        Assert.Equal(ReporterRole.GridWorker, await _host.QueryAsync(db => db.Tickets.Where(t => t.Id == asWorker.TicketId).Select(t => t.ReporterRole).SingleAsync()));
    }

    private Task RegisterGridWorkerAsync(Reporter reporter) =>
        _host.App.Services.GetRequiredService<IGridWorkerRegistry>().RegisterAsync(
            new GridWorkerRegistration(reporter.ChannelId, reporter.UserId, "李四", "13900139000", GigPlatform.Meituan), CancellationToken.None);

    [Fact]
    public async Task Submit_SameSubmissionIdAgain_SameTicketAndNumberAndNothingWrittenTwice()
    {
        var submission = TicketingTestHost.Submission(TicketingTestHost.Resident()) with { SubmissionId = ReportSubmission.NewSubmissionId() };

        var first = await _host.Desk.SubmitAsync(submission, CancellationToken.None);
        var again = await _host.Desk.SubmitAsync(submission, CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(submission.SubmissionId, first.TicketId);
        Assert.Equal(1, await _host.QueryAsync(db => db.Tickets.CountAsync()));
        Assert.Equal(1, await _host.QueryAsync(db => db.Outbox.CountAsync()));
        Assert.Equal(1, await _host.QueryAsync(db => db.History.CountAsync()));
    }

    [Fact]
    public async Task Submit_JobStorageAway_ReceiptGivenAndTheTicketsOneJobTriedOffTheTurn()
    {
        // Redis timing out under Hangfire (scaled out, a loaded machine): the ticket is committed with its outbox row,
        // so the citizen gets the number; its job (push and place check in one) is queued by the dispatcher's own
        // thread, never on the turn's; the sweeps make up for it.
        var jobs = new UnavailableJobClient();
        await using var host = await TicketingTestHost.StartAsync(
            TicketingTestHost.NewDataDirectory(), _center.BaseUrl, replace: services => services.AddSingleton<Hangfire.IBackgroundJobClient>(jobs));

        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);

        Assert.Matches("^[0-9]{8}-[0-9]{4}$", receipt.Number);
        Assert.Equal(1, await host.QueryAsync(db => db.Outbox.CountAsync(o => o.AcceptedAt == null)));
        await Eventually.TrueAsync(() => Task.FromResult(!jobs.Attempted.IsEmpty), "the ticket's job tried");
        Assert.Equal([$"{nameof(NewTicketsJob)}.{nameof(NewTicketsJob.RunAsync)}"], jobs.Attempted);
    }

    [Fact]
    public async Task Submit_ReportWithAPosition_OneJobPushesItToTheCenterAndThenChecksItsPlace()
    {
        var watch = new RecordingWatch(_center);
        await using var host = await TicketingTestHost.StartAsync(
            TicketingTestHost.NewDataDirectory(), _center.BaseUrl, replace: services => services.AddSingleton<IPlacedTicketWatch>(watch));

        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);

        var monitoring = host.App.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        await Eventually.TrueAsync(() => Task.FromResult(
            !watch.Seen.IsEmpty && monitoring.ProcessingCount() == 0 && monitoring.EnqueuedCount(CenterDispatcher.DefaultQueue) == 0), "checked, no job left");
        var ran = monitoring.SucceededJobs(0, 100)
            .Where(j => j.Value.Job?.Args.FirstOrDefault() is string[] ids && ids.Contains(receipt.TicketId))
            .Select(j => $"{j.Value.Job!.Type.Name}.{j.Value.Job.Method.Name}")
            .ToList();
        Assert.Equal([$"{nameof(NewTicketsJob)}.{nameof(NewTicketsJob.RunAsync)}"], ran);
        Assert.Equal([(receipt.TicketId, PushedBefore: true)], watch.Seen);
        Assert.Single(_center.Accepted("/api/tickets"), r => r.IdempotencyKey == receipt.TicketId);
    }

    [Fact]
    public async Task Submit_PlaceCheckFails_TicketStillPushedOnceAndTheCheckLeftForTheSweep()
    {
        var watch = new RecordingWatch(_center, fail: true);
        await using var host = await TicketingTestHost.StartAsync(
            TicketingTestHost.NewDataDirectory(), _center.BaseUrl, replace: services => services.AddSingleton<IPlacedTicketWatch>(watch));

        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);

        var monitoring = host.App.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        await Eventually.TrueAsync(() => Task.FromResult(!watch.Seen.IsEmpty && monitoring.ProcessingCount() == 0), "check tried, no job left");
        Assert.Equal(1, await host.QueryAsync(db => db.Outbox.CountAsync(o => o.Key.TicketId == receipt.TicketId && o.AcceptedAt != null)));
        Assert.Single(_center.Accepted("/api/tickets"), r => r.IdempotencyKey == receipt.TicketId);
        Assert.Equal(0, monitoring.FailedCount());
        Assert.Null(await host.QueryAsync(db => db.Tickets.Where(t => t.Id == receipt.TicketId).Select(t => t.HotspotCheckedAt).SingleAsync()));
    }

    [Fact]
    public async Task Submit_ReportWithoutAPosition_PushedAndNotCheckedForAPlace()
    {
        var submission = TicketingTestHost.Submission(TicketingTestHost.Resident()) with { Location = new ReportLocation(null, null, Address: "示例街道青松社区3号楼") };

        var receipt = await _host.Desk.SubmitAsync(submission, CancellationToken.None);

        await Eventually.TrueAsync(
            () => _host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.TicketId == receipt.TicketId && o.AcceptedAt != null)), "pushed");
        Assert.Null(await _host.QueryAsync(db => db.Tickets.Where(t => t.Id == receipt.TicketId).Select(t => t.HotspotCheckedAt).SingleAsync()));
    }

    [Fact]
    public async Task Submit_AnotherCitizensSubmissionId_RefusedAndTheirTicketNotShown()
    {
        var id = ReportSubmission.NewSubmissionId();
        await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("owner")) with { SubmissionId = id }, CancellationToken.None);

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("other")) with { SubmissionId = id }, CancellationToken.None));

        Assert.Equal("owner", await _host.QueryAsync(db => db.Tickets.Select(t => t.ReporterUserId).SingleAsync()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("0195F0C2D7A97C3E8B5A000000000000")]
    [InlineData("'; DROP TABLE tickets; --0000000")]
    public async Task Submit_MalformedSubmissionId_NewIdEachTime(string malformed)
    {
        var submission = TicketingTestHost.Submission(TicketingTestHost.Resident()) with { SubmissionId = malformed };

        var first = await _host.Desk.SubmitAsync(submission, CancellationToken.None);
        var second = await _host.Desk.SubmitAsync(submission, CancellationToken.None);

        Assert.NotEqual(first.TicketId, second.TicketId);
        Assert.Matches("^[0-9a-f]{32}$", first.TicketId);
    }

    [Fact]
    public async Task Supplement_SameSubmissionIdAgain_OneSupplementAndOnePush()
    {
        var ticket = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("owner")), CancellationToken.None);
        var supplement = TicketingTestHost.Submission(TicketingTestHost.Resident("neighbour"), "车还堵着") with { SubmissionId = ReportSubmission.NewSubmissionId() };

        var first = await _host.Desk.SupplementAsync(ticket.TicketId, supplement, CancellationToken.None);
        var again = await _host.Desk.SupplementAsync(ticket.TicketId, supplement, CancellationToken.None);

        Assert.Equal(ticket.Number, first.Number);
        Assert.Equal(first, again);
        Assert.Equal(1, await _host.QueryAsync(db => db.Supplements.CountAsync()));
        Assert.Equal(1, await _host.QueryAsync(db => db.Outbox.CountAsync(o => o.Key.Kind == "supplement")));
    }

    [Fact]
    public async Task NextNumber_TwoInstancesAndARestartOnOneDatabase_EveryNumberUniqueAndReadable()
    {
        var databases = _host.App.Services.GetRequiredService<IDbContextFactory<CitizenBot.Bot.Data.CitizenBotDbContext>>();
        var blocks = Options.Create(new TicketingOptions { NumberBlockSize = 7 });
        var now = new DateTimeOffset(2026, 12, 4, 23, 30, 0, TimeSpan.Zero);
        var first = new TicketNumbers(databases, blocks);
        var second = new TicketNumbers(databases, blocks);

        var numbers = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? first : second).NextAsync(now, CancellationToken.None)));
        var afterRestart = await new TicketNumbers(databases, blocks).NextAsync(now, CancellationToken.None);

        Assert.Equal(61, numbers.Append(afterRestart).Distinct().Count());
        // 23:30 UTC is the next day in China.
        Assert.All(numbers, n => Assert.Matches("^20261205-[0-9]{4}$", n));
        Assert.True(string.CompareOrdinal(afterRestart, numbers.Max()) > 0, "a restart continues after every block taken before it");
    }

    [Fact]
    public async Task NextNumber_NewDay_StartsAgainAtOne()
    {
        var numbers = new TicketNumbers(_host.App.Services.GetRequiredService<IDbContextFactory<CitizenBot.Bot.Data.CitizenBotDbContext>>(),
            Options.Create(new TicketingOptions { NumberBlockSize = 50 }));

        var today = await numbers.NextAsync(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.FromHours(8)), CancellationToken.None);
        var tomorrow = await numbers.NextAsync(new DateTimeOffset(2026, 12, 5, 0, 0, 1, TimeSpan.FromHours(8)), CancellationToken.None);

        Assert.Equal("20261204-0001", today);
        Assert.Equal("20261205-0001", tomorrow);
    }

    /// <summary>A place check that notes which tickets it saw and whether the center had each already; can fail like a database away.</summary>
    private sealed class RecordingWatch(FakeCenter center, bool fail = false) : IPlacedTicketWatch
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string TicketId, bool PushedBefore)> Seen { get; } = new();

        public Task CheckAsync(string ticketId, CancellationToken cancellationToken)
        {
            Seen.Enqueue((ticketId, center.Accepted("/api/tickets").Any(r => r.IdempotencyKey == ticketId)));
            return fail ? throw new TimeoutException("database away") : Task.CompletedTask;
        }
    }

    /// <summary>Hangfire's storage away: every job creation fails, as Hangfire's client reports a Redis timeout.</summary>
    private sealed class UnavailableJobClient : Hangfire.IBackgroundJobClient
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Attempted { get; } = new();

        public string Create(Hangfire.Common.Job job, Hangfire.States.IState state)
        {
            Attempted.Enqueue($"{job.Type.Name}.{job.Method.Name}");
            throw new Hangfire.BackgroundJobClientException("storage away", new TimeoutException("redis"));
        }

        public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => false;
    }
}
