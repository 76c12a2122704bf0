using CitizenBot.Bot.Data;
using CitizenBot.Bot.Tests.Center;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Bot.Tests.Tickets;

/// <summary>The embedded <c>citizenbot.db</c>, here one made outside EF: a report is saved while others read, and a commit is on disk when it returns.</summary>
[Collection(TicketingCollection.Name)]
public sealed class TicketDatabaseTests : IAsyncLifetime
{
    private FakeCenter _center = null!;
    private TicketingTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _center = await FakeCenter.StartAsync();
        var dataDirectory = TicketingTestHost.NewDataDirectory();
        await CreateRollbackJournalDatabaseAsync(Path.Combine(dataDirectory, "citizenbot.db"));
        _host = await TicketingTestHost.StartAsync(dataDirectory, _center.BaseUrl);
    }

    /// <summary>
    /// A file EF did not create (copied or restored by an operator) keeps SQLite's default rollback journal; EF turns
    /// on WAL only when it creates the file itself.
    /// </summary>
    private static async Task CreateRollbackJournalDatabaseAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("delete", await PragmaAsync(connection, "journal_mode"));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _center.DisposeAsync();
    }

    [Fact]
    public async Task OpenConnection_AnyContext_WalWithFullSyncAndSqliteBusyWait()
    {
        await using var db = await _host.App.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
        Assert.Equal("30000", await PragmaAsync(connection, "busy_timeout"));
    }

    [Fact]
    public async Task Submit_WhileAnotherConnectionIsReading_SavedWithoutWaitingForTheReader()
    {
        await using var reader = new SqliteConnection($"Data Source={Path.Combine(_host.DataDirectory, "citizenbot.db")};Pooling=False");
        await reader.OpenAsync();
        await using var readTransaction = reader.BeginTransaction(deferred: true);
        var before = await CountTicketsAsync(reader, readTransaction);

        // With the rollback journal the reader's shared lock keeps the submit's commit out until the reader ends (here:
        // never, so it would fail with "database is locked" after the timeout); with WAL the commit goes through.
        var receipt = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(before, await CountTicketsAsync(reader, readTransaction));
        Assert.Equal(1, await _host.QueryAsync(db => db.Tickets.CountAsync(t => t.Id == receipt.TicketId)));
    }

    private static async Task<string?> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> CountTicketsAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM tickets";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
