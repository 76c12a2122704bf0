using System.Data.Common;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Tests.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CitizenBot.Bot.Tests.Insight;

/// <summary>
/// The per-day rollup (bot/Insight/InsightDays) counts a run of days and then saves it in a transaction of its own; a
/// forget (after tickets were written into past days: the seeder, a test) can fall in between. Driven step by step: the
/// forget runs exactly when the rollup begins the transaction that would save its counts.
/// </summary>
public abstract class InsightDaysRaceTests : IAsyncLifetime
{
    private readonly TransactionHook _hook = new();

    /// <summary>A context on the test's database with <paramref name="interceptors"/>.</summary>
    private protected abstract CitizenBotDbContext CreateContext(params IInterceptor[] interceptors);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static DateOnly Today => InsightFilter.DayOf(DateTimeOffset.UtcNow);

    [Fact]
    public async Task ARollupCountedBeforeForget_IsNotSavedAfterIt()
    {
        var day = Today.AddDays(-5);
        var at = InsightFilter.StartOf(day).AddHours(10);
        await AddAsync(InsightTestData.Ticket(at));
        // Between the count and the save: a ticket written into the day, and the rollup forgotten, as the seeder does.
        _hook.OnTransaction(1, async () =>
        {
            await AddAsync(InsightTestData.Ticket(at.AddHours(1)));
            await ForgetAsync();
        });
        var days = new InsightDays(new Databases(this, _hook), TimeProvider.System);

        await days.SettleAsync(day, day, CancellationToken.None);
        var facts = await days.ReadAsync(InsightFilter.ForDays(day, day), CancellationToken.None);

        Assert.True(_hook.Fired);
        Assert.Equal(2, facts.Created.Sum(c => c.Count));
    }

    [Fact]
    public async Task ARollupForgottenBetweenTwoRunsOfOneSettle_IsMadeAgainWhole()
    {
        // 70 days: two runs (at most 61 days each), each saved in its own transaction.
        var from = Today.AddDays(-71);
        var to = Today.AddDays(-2);
        await AddAsync(InsightTestData.Ticket(InsightFilter.StartOf(from).AddHours(10)), InsightTestData.Ticket(InsightFilter.StartOf(to).AddHours(10)));
        _hook.OnTransaction(2, ForgetAsync);
        var days = new InsightDays(new Databases(this, _hook), TimeProvider.System);

        await days.SettleAsync(from, to, CancellationToken.None);

        Assert.True(_hook.Fired);
        await using var db = CreateContext();
        Assert.Equal(70, await db.InsightDays.CountAsync(d => d.Measure == InsightDays.DayMeasure));
        Assert.Equal(2, await db.InsightDays.Where(d => d.Measure == InsightDays.CreatedMeasure).SumAsync(d => d.Count));
    }

    [Fact]
    public async Task Forget_KeepsTheGenerationRowAndBumpsIt()
    {
        await ForgetAsync();
        await ForgetAsync();

        await using var db = CreateContext();
        var row = Assert.Single(await db.InsightDays.ToListAsync());
        Assert.Equal(InsightDays.GenerationMeasure, row.Measure);
        Assert.Equal(2, row.Count);
    }

    /// <summary>Writes through a context of its own (not the rollup's), then forgets the rollup as InsightTestData does.</summary>
    private async Task AddAsync(params TicketRecord[] tickets)
    {
        await using var db = CreateContext();
        db.Tickets.AddRange(tickets);
        await db.SaveChangesAsync();
    }

    private async Task ForgetAsync()
    {
        await using var db = CreateContext();
        await InsightDays.ForgetAsync(db, CancellationToken.None);
    }

    /// <summary>Contexts for the rollup under test, each with the hook.</summary>
    private sealed class Databases(InsightDaysRaceTests test, TransactionHook hook) : IDbContextFactory<CitizenBotDbContext>
    {
        public CitizenBotDbContext CreateDbContext() => test.CreateContext(hook);

        public Task<CitizenBotDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => Task.FromResult(CreateDbContext());
    }

    /// <summary>Runs a step, once, when the rollup's contexts are about to begin their n-th transaction.</summary>
    private sealed class TransactionHook : DbTransactionInterceptor
    {
        private int _began;
        private int _at;
        private Func<Task>? _step;

        public bool Fired { get; private set; }

        public void OnTransaction(int at, Func<Task> step) => (_at, _step) = (at, step);

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection,
            TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result,
            CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _began) == _at && _step is { } step)
            {
                await step();
                Fired = true;
            }

            return result;
        }
    }
}

/// <summary>On the embedded SQLite database, migrated as the bot migrates it.</summary>
public sealed class SqliteInsightDaysRaceTests : InsightDaysRaceTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "citizenbot-rollup-" + Guid.NewGuid().ToString("N") + ".db");

    public override async Task InitializeAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    private protected override CitizenBotDbContext CreateContext(params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<CitizenBotDbContext>().UseSqlite($"Data Source={_path};Default Timeout=30").AddInterceptors(interceptors).Options);
}

/// <summary>On a real PostgreSQL (a throwaway database of tests/run-all.sh's server), migrated as the bot migrates it.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresInsightDaysRaceTests : InsightDaysRaceTests
{
    private string _connectionString = "";

    public override async Task InitializeAsync()
    {
        _connectionString = await ThrowawayPostgres.CreateDatabaseAsync();
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public override Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    private protected override CitizenBotDbContext CreateContext(params IInterceptor[] interceptors) =>
        new PostgresCitizenBotDbContext(new DbContextOptionsBuilder<PostgresCitizenBotDbContext>().UseNpgsql(_connectionString).AddInterceptors(interceptors).Options);
}
