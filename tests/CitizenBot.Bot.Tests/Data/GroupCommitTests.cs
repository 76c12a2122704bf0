using System.Data.Common;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Ticketing.Lifecycle;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CitizenBot.Bot.Tests.Data;

/// <summary>
/// The submits committed together on the embedded database: everything queued while the database was busy goes in one
/// transaction, one write's failure stays its caller's, and a caller that gave up before its turn writes nothing.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "citizenbot-group-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly WriteQueue _queue = WriteQueue.OneAtATime();
    private Databases _databases = null!;
    private GroupCommit _commits = null!;

    public async Task InitializeAsync()
    {
        _databases = new Databases(_path);
        await using (var db = await _databases.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        _databases.Transactions = 0;

        _commits = new GroupCommit(_databases, _queue);
    }

    public async Task DisposeAsync()
    {
        await _commits.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public async Task WritesQueuedWhileTheDatabaseIsBusy_CommitInOneTransaction_AndAFailingOneFailsOnlyItsCaller()
    {
        Task first, duplicate, third;
        using (await _queue.EnterAsync(CancellationToken.None))
        {
            first = _commits.WriteAsync((db, ct) => Add(db, "20261201", ct), CancellationToken.None);
            duplicate = _commits.WriteAsync(async (db, ct) =>
            {
                await Add(db, "20261202", ct);
                await Add(db, "20261201", ct);
            }, CancellationToken.None);
            third = _commits.WriteAsync((db, ct) => Add(db, "20261203", ct), CancellationToken.None);
            await Task.Delay(50);
            Assert.False(first.IsCompleted, "A write returned before the database was free.");
        }

        await first;
        await Assert.ThrowsAsync<DbUpdateException>(() => duplicate);
        await third;

        Assert.Equal(["20261201", "20261203"], await DaysAsync());
        Assert.Equal(1, _databases.Transactions);
    }

    [Fact]
    public async Task CallerWhoGaveUpBeforeItsTurn_WritesNothing_AndTheOthersStillCommit()
    {
        using var cancel = new CancellationTokenSource();
        Task given, kept;
        using (await _queue.EnterAsync(CancellationToken.None))
        {
            given = _commits.WriteAsync((db, ct) => Add(db, "20261201", ct), cancel.Token);
            kept = _commits.WriteAsync((db, ct) => Add(db, "20261202", ct), CancellationToken.None);
            await cancel.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => given);
        await kept;

        Assert.Equal(["20261202"], await DaysAsync());
    }

    [Fact]
    public async Task WriteThatThrowsMidway_LeavesNoneOfItsRows_AndTheNextWriteStillCommits()
    {
        var failed = _commits.WriteAsync(async (db, ct) =>
        {
            await Add(db, "20261201", ct);
            throw new InvalidOperationException("the write's own failure");
        }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal("the write's own failure", error.Message);
        await _commits.WriteAsync((db, ct) => Add(db, "20261202", ct), CancellationToken.None);

        Assert.Equal(["20261202"], await DaysAsync());
    }

    [Fact]
    public async Task AJobsOwnContext_ItsChangedOwnedRowAndAddedRowAndAFollowingWrite_CommitWithTheOthers_AndCountAsSaved()
    {
        await using (var seed = await _databases.CreateDbContextAsync())
        {
            seed.Outbox.Add(new OutboxRecord { Key = OutboxKey.Of("t-1", OutboxKinds.Ticket), CreatedAt = DateTimeOffset.UnixEpoch });
            await seed.SaveChangesAsync();
        }

        _databases.Transactions = 0;
        var accepted = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        await using var job = await _databases.CreateDbContextAsync();
        var row = await job.Outbox.SingleAsync();
        row.AcceptedAt = accepted;
        row.LastError = "accepted";
        job.NumberCounters.Add(new TicketNumberCounter { Day = "20261201", Last = 1 });
        Task saved, other;
        using (await _queue.EnterAsync(CancellationToken.None))
        {
            saved = _commits.SaveChangesAsync(job, CancellationToken.None, (db, ct) => Add(db, "20261202", ct));
            other = _commits.WriteAsync((db, ct) => Add(db, "20261203", ct), CancellationToken.None);
        }

        await Task.WhenAll(saved, other);

        Assert.Equal(["20261201", "20261202", "20261203"], await DaysAsync());
        Assert.Equal(1, _databases.Transactions);
        Assert.False(job.ChangeTracker.HasChanges());
        await using var check = await _databases.CreateDbContextAsync();
        var stored = await check.Outbox.AsNoTracking().SingleAsync();
        Assert.Equal((accepted, "accepted", "t-1", 0), (stored.AcceptedAt!.Value, stored.LastError, stored.Key.TicketId, stored.Attempts));
    }

    [Fact]
    public async Task Unordered_EachWriteIsATransactionOfItsOwn()
    {
        await using var commits = new GroupCommit(_databases, WriteQueue.Unordered());

        await Task.WhenAll(
            commits.WriteAsync((db, ct) => Add(db, "20261201", ct), CancellationToken.None),
            commits.WriteAsync((db, ct) => Add(db, "20261202", ct), CancellationToken.None));

        Assert.Equal(["20261201", "20261202"], await DaysAsync());
        Assert.Equal(2, _databases.Transactions);
    }

    private static async Task Add(CitizenBotDbContext db, string day, CancellationToken cancellationToken)
    {
        db.NumberCounters.Add(new TicketNumberCounter { Day = day, Last = 1 });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<List<string>> DaysAsync()
    {
        await using var db = await _databases.CreateDbContextAsync();
        return await db.NumberCounters.OrderBy(c => c.Day).Select(c => c.Day).ToListAsync();
    }

    /// <summary>Contexts on the test's file, counting the transactions they begin.</summary>
    private sealed class Databases(string path) : IDbContextFactory<CitizenBotDbContext>
    {
        private int _transactions;

        public int Transactions
        {
            get => Volatile.Read(ref _transactions);
            set => Volatile.Write(ref _transactions, value);
        }

        public CitizenBotDbContext CreateDbContext() => new(new DbContextOptionsBuilder<CitizenBotDbContext>()
            .UseSqlite($"Data Source={path}")
            .AddInterceptors(new TransactionCounter(() => Interlocked.Increment(ref _transactions)))
            .Options);

        public Task<CitizenBotDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => Task.FromResult(CreateDbContext());

        private sealed class TransactionCounter(Action began) : DbTransactionInterceptor
        {
            public override ValueTask<DbTransaction> TransactionStartedAsync(
                DbConnection connection,
                TransactionEndEventData eventData,
                DbTransaction result,
                CancellationToken cancellationToken = default)
            {
                began();
                return ValueTask.FromResult(result);
            }
        }
    }
}
