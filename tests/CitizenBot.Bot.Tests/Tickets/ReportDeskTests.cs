using CitizenBot.Bot.Geo;
using CitizenBot.Bot.Tests.Center;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Report;
using Microsoft.EntityFrameworkCore;
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
        Assert.Equal(20, await _host.QueryAsync(db => db.Outbox.CountAsync()));
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

    [Fact]
    public async Task ListMine_TwoReporters_EachSeesOnlyTheirOwn()
    {
        await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("alice")), CancellationToken.None);
        await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("bob")), CancellationToken.None);

        var alice = await _host.Desk.ListMineAsync(TicketingTestHost.Resident("alice"), 10, CancellationToken.None);

        var only = Assert.Single(alice);
        Assert.Equal("已提交", only.Status);
        Assert.Equal("消防/安全隐患", only.CategoryName);
    }

    [Fact]
    public async Task ListMine_AnotherCitizenSupplementedMyTicket_ISeeThatItCameButNotTheirWords()
    {
        var mine = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("owner")), CancellationToken.None);

        await _host.Desk.SupplementAsync(mine.TicketId,
            TicketingTestHost.Submission(TicketingTestHost.Resident("neighbour"), "我是3楼的王阿姨，电话13800138000，车还堵着"), CancellationToken.None);

        var history = Assert.Single(await _host.Desk.ListMineAsync(TicketingTestHost.Resident("owner"), 10, CancellationToken.None)).History;
        var supplement = Assert.Single(history, e => e.Status == "已补充材料");
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
}
