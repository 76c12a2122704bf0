using CitizenBot.Bot.Data;
using CitizenBot.Bot.Tests.TestData;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Dialogs.Report;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>
/// New tickets handed to one job are pushed together (one claim, one read, one save): each is still posted once, and
/// accepted, retried or parked on its own. Their jobs are held, not run, so each test runs the job itself.
/// </summary>
public abstract class NewTicketsPushTests : IAsyncLifetime
{
    private readonly RecordingJobClient _jobs = new();
    private FakeCenter _center = null!;
    private TicketingTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _center = await FakeCenter.StartAsync();
        _host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), _center.BaseUrl,
            replace: services => services.AddSingleton<IBackgroundJobClient>(_jobs), postgres: await PostgresAsync());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _center.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Empty: the embedded SQLite.</summary>
    private protected abstract Task<string> PostgresAsync();

    [Fact]
    public async Task TicketsPushedTogether_EachPostedOnce_ARefusedOneParkedAndABusyOneRetried_WhileTheOthersAreAccepted()
    {
        var ids = await SubmitAsync(4);
        _center.AnswerFor[ids[1]] = 422;
        _center.AnswerFor[ids[2]] = 503;

        // The job fails with the refusal, for the dashboard's Failed page, once every outcome is saved.
        var refused = await Assert.ThrowsAsync<CenterRejectedException>(() => RunJobAsync(ids));
        Assert.Contains("422", refused.Message);

        Assert.Equal(ids.Order(StringComparer.Ordinal), PostedKeys().Order(StringComparer.Ordinal));
        var rows = await RowsAsync(ids);
        foreach (var accepted in new[] { ids[0], ids[3] })
        {
            Assert.NotNull(rows[accepted].AcceptedAt);
            Assert.Null(rows[accepted].LockedUntil);
            Assert.Equal("C-" + accepted, await _host.QueryAsync(db => db.Tickets.Where(t => t.Id == accepted).Select(t => t.CenterId).SingleAsync()));
        }

        Assert.NotNull(rows[ids[1]].FailedAt);
        Assert.Contains("422", rows[ids[1]].LastError);
        var busy = rows[ids[2]];
        Assert.True(busy is { AcceptedAt: null, FailedAt: null, LockedUntil: null, Attempts: 1, LastError: "HTTP 503" }, $"the busy one: {busy.LastError}, attempts {busy.Attempts}");
        Assert.Equal([ids[2]], _jobs.Scheduled(nameof(CenterPushJob.PushAsync)));
    }

    [Fact]
    public async Task TwoWorkersRunTheSameNewTickets_EachTicketPostedOnce()
    {
        var ids = await SubmitAsync(6);

        await Task.WhenAll(RunJobAsync(ids), RunJobAsync(ids));

        Assert.Equal(ids.Order(StringComparer.Ordinal), PostedKeys().Order(StringComparer.Ordinal));
        Assert.All((await RowsAsync(ids)).Values, row => Assert.True(row.AcceptedAt is not null && row.Attempts == 1, $"attempts {row.Attempts}"));
    }

    [Fact]
    public async Task ATicketAnotherWorkerHolds_IsLeftToIt_AndTheOthersArePushed()
    {
        var ids = await SubmitAsync(3);
        var heldUntil = DateTimeOffset.UtcNow.AddMinutes(1);
        await _host.QueryAsync(db => db.Outbox.Where(o => o.Key.TicketId == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(o => o.LockedUntil, heldUntil)));

        await RunJobAsync(ids);

        Assert.Equal(new[] { ids[0], ids[2] }.Order(StringComparer.Ordinal), PostedKeys().Order(StringComparer.Ordinal));
        var held = (await RowsAsync(ids))[ids[1]];
        Assert.True(held is { AcceptedAt: null, Attempts: 0 }, $"attempts {held.Attempts}");
        Assert.Equal([ids[1]], _jobs.Scheduled(nameof(CenterPushJob.PushAsync)));
    }

    [Fact]
    public async Task NormalTicketsWhileAnUrgentOneWaits_StepAside_AndGoOnceItIsPushed()
    {
        var normal = await SubmitAsync(2);
        var urgent = (await _host.Desk.SubmitAsync(
            TicketingTestHost.Submission(TicketingTestHost.Resident("urgent"), "楼下着火了") with { Urgency = Urgency.Urgent }, CancellationToken.None)).TicketId;

        await RunJobAsync(normal);
        Assert.Empty(PostedKeys());
        Assert.Equal(normal.Order(StringComparer.Ordinal), _jobs.Scheduled(nameof(CenterPushJob.PushAsync)).Order(StringComparer.Ordinal));

        await RunJobAsync([urgent]);
        await RunJobAsync(normal);

        var posted = PostedKeys();
        Assert.Equal(urgent, posted[0]);
        Assert.Equal(normal.Order(StringComparer.Ordinal), posted.Skip(1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NormalTicketsWhileAnUrgentOneBacksOff_OnesTriedLessThanItGo_OnesTriedAsOftenStepAside()
    {
        var normal = await SubmitAsync(2);
        var urgent = (await _host.Desk.SubmitAsync(
            TicketingTestHost.Submission(TicketingTestHost.Resident("urgent"), "楼下着火了") with { Urgency = Urgency.Urgent }, CancellationToken.None)).TicketId;
        await SetAttemptsAsync(urgent, 1);
        await SetAttemptsAsync(normal[0], 3);

        await RunJobAsync(normal);

        Assert.Equal([normal[1]], PostedKeys());
        Assert.Equal([normal[0]], _jobs.Scheduled(nameof(CenterPushJob.PushAsync)));
    }

    private Task SetAttemptsAsync(string ticketId, int attempts) =>
        _host.QueryAsync(db => db.Outbox.Where(o => o.Key.TicketId == ticketId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, attempts)));

    /// <summary>Reports of a category that is not urgent (a street light out).</summary>
    private async Task<string[]> SubmitAsync(int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("user-" + i), "路灯不亮", categoryCode: "02-01"), CancellationToken.None)).TicketId;
        }

        return ids;
    }

    private async Task RunJobAsync(string[] ids)
    {
        await using var scope = _host.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NewTicketsJob>().RunAsync(ids, [], CancellationToken.None);
    }

    private List<string> PostedKeys() => [.. _center.Requests.Where(r => r.Path == "/api/tickets").Select(r => r.IdempotencyKey!)];

    private Task<Dictionary<string, OutboxRecord>> RowsAsync(string[] ids) =>
        _host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => ids.Contains(o.Key.TicketId)).ToDictionaryAsync(o => o.Key.TicketId, StringComparer.Ordinal));
}

[Collection(TicketingCollection.Name)]
public sealed class SqliteNewTicketsPushTests : NewTicketsPushTests
{
    private protected override Task<string> PostgresAsync() => Task.FromResult("");
}

/// <summary>On a real PostgreSQL (a throwaway database of tests/run-all.sh's server), where each write is its own transaction.</summary>
[Collection(TicketingCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresNewTicketsPushTests : NewTicketsPushTests
{
    private protected override Task<string> PostgresAsync() => ThrowawayPostgres.CreateDatabaseAsync();
}
