using System.Data.Common;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CitizenBot.Bot.Tests.Tickets;

/// <summary>
/// A ticket's status, urgency and reporter role are typed in the code and kept in their columns as the strings they
/// always were (<c>resolved</c>, <c>urgent</c>, <c>grid_worker</c>): rows written before read as typed values, a filter on
/// a status is answered by the database, and the model still matches the migrations, so nothing had to be migrated.
/// </summary>
public abstract class TypedColumnsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private protected abstract Task<CitizenBotDbContext> CreateContextAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Model_MatchesItsMigrations_NoMigrationPending()
    {
        await using var db = await CreateContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(), "The EF model differs from the last migration's snapshot.");
    }

    [Fact]
    public async Task TypedTicket_IsStoredAsTheCenterStrings()
    {
        await using (var db = await CreateContextAsync())
        {
            db.Tickets.Add(Ticket("t-typed", TicketStatus.ReopenRequested, Urgency.Urgent, ReporterRole.GridWorker));
            await db.SaveChangesAsync();
        }

        var row = await ReadColumnsAsync("t-typed");

        Assert.Equal(("reopen_requested", "urgent", "grid_worker"), row);
    }

    [Theory]
    [InlineData("submitted", "normal", "resident", TicketStatus.Submitted, Urgency.Normal, ReporterRole.Resident)]
    [InlineData("in_progress", "urgent", "grid_worker", TicketStatus.InProgress, Urgency.Urgent, ReporterRole.GridWorker)]
    [InlineData("partially_resolved", "normal", "resident", TicketStatus.PartiallyResolved, Urgency.Normal, ReporterRole.Resident)]
    [InlineData("withdrawal_requested", "normal", "grid_worker", TicketStatus.WithdrawalRequested, Urgency.Normal, ReporterRole.GridWorker)]
    public async Task RowWrittenAsStrings_ReadsAsTypedValues(string status, string urgency, string role, TicketStatus typedStatus, Urgency typedUrgency, ReporterRole typedRole)
    {
        await using (var db = await CreateContextAsync())
        {
            db.Tickets.Add(Ticket("t-old", TicketStatus.Submitted, Urgency.Normal, ReporterRole.Resident));
            await db.SaveChangesAsync();
            // As a row written before the record was typed: the strings straight into the columns.
            await db.Database.ExecuteSqlAsync($"UPDATE tickets SET \"Status\" = {status}, \"Urgency\" = {urgency}, \"ReporterRole\" = {role} WHERE \"Id\" = 't-old'");
        }

        await using var read = await CreateContextAsync();
        var ticket = await read.Tickets.AsNoTracking().SingleAsync(t => t.Id == "t-old");

        Assert.Equal((typedStatus, typedUrgency, typedRole), (ticket.Status, ticket.Urgency, ticket.ReporterRole));
    }

    [Fact]
    public async Task FilterOnStatusUrgencyAndRole_IsAnsweredByTheDatabase()
    {
        await using (var db = await CreateContextAsync())
        {
            db.Tickets.AddRange(
                Ticket("t-open", TicketStatus.Dispatched, Urgency.Urgent, ReporterRole.GridWorker),
                Ticket("t-resolved", TicketStatus.Resolved, Urgency.Urgent, ReporterRole.GridWorker),
                Ticket("t-withdrawn", TicketStatus.Withdrawn, Urgency.Normal, ReporterRole.Resident),
                Ticket("t-normal", TicketStatus.Accepted, Urgency.Normal, ReporterRole.Resident));
            await db.SaveChangesAsync();
        }

        await using var read = await CreateContextAsync();
        var finished = TicketStatuses.Finished.ToList();
        var openUrgentByWorkers = read.Tickets.AsNoTracking()
            .Where(t => !finished.Contains(t.Status) && t.Urgency == Urgency.Urgent && t.ReporterRole == ReporterRole.GridWorker)
            .Select(t => t.Id);
        var sql = openUrgentByWorkers.ToQueryString();

        Assert.Equal(["t-open"], await openUrgentByWorkers.ToListAsync());
        Assert.Contains("\"Status\"", sql, StringComparison.Ordinal);
        Assert.Equal(["t-resolved", "t-withdrawn"], await read.Tickets.AsNoTracking().Where(t => finished.Contains(t.Status)).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync());
        Assert.Equal(1, await read.Tickets.CountAsync(t => t.Status == TicketStatus.Accepted));
    }

    private async Task<(string Status, string Urgency, string Role)> ReadColumnsAsync(string id)
    {
        await using var db = await CreateContextAsync();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT \"Status\", \"Urgency\", \"ReporterRole\" FROM tickets WHERE \"Id\" = '{id}'";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }

    private static TicketRecord Ticket(string id, TicketStatus status, Urgency urgency, ReporterRole role) => new()
    {
        Id = id,
        Number = "20261201-" + id,
        ChannelId = "directline",
        ReporterUserId = "user-1",
        ReporterConversationId = "conv-1",
        ReporterRole = role,
        Type = "report",
        CategoryCode = "05-01",
        CategoryName = "消防/安全隐患",
        Urgency = urgency,
        Description = "楼道堵了",
        Status = status,
        CreatedAt = At,
        UpdatedAt = At,
    };
}

/// <summary>On the embedded SQLite database, migrated as the bot migrates it.</summary>
public sealed class SqliteTypedColumnsTests : TypedColumnsTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "citizenbot-typed-" + Guid.NewGuid().ToString("N") + ".db");

    public override async Task InitializeAsync()
    {
        await using var db = await CreateContextAsync();
        await db.Database.MigrateAsync();
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    private protected override Task<CitizenBotDbContext> CreateContextAsync() =>
        Task.FromResult(new CitizenBotDbContext(new DbContextOptionsBuilder<CitizenBotDbContext>().UseSqlite($"Data Source={_path}").Options));
}

/// <summary>On a real PostgreSQL (a throwaway database of tests/run-all.sh's server), migrated as the bot migrates it.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresTypedColumnsTests : TypedColumnsTests
{
    private string _connectionString = "";
    private string _database = "";

    public override async Task InitializeAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("CITIZENBOT_TEST_POSTGRES");
        if (string.IsNullOrEmpty(postgres))
        {
            throw new InvalidOperationException("Needs a real PostgreSQL: run tests/run-all.sh, or set CITIZENBOT_TEST_POSTGRES.");
        }

        _database = "cb_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = _database }.ConnectionString;
        await using var db = await CreateContextAsync();
        await db.Database.MigrateAsync();
    }

    public override Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    private protected override Task<CitizenBotDbContext> CreateContextAsync() =>
        Task.FromResult<CitizenBotDbContext>(new PostgresCitizenBotDbContext(new DbContextOptionsBuilder<PostgresCitizenBotDbContext>().UseNpgsql(_connectionString).Options));
}
