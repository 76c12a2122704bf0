using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CitizenBot.Bot.Data;

/// <summary>
/// Runs on every connection EF opens to the embedded <c>citizenbot.db</c>. WAL lets readers and the one writer work
/// side by side; synchronous=FULL keeps a commit on disk when it returns (as durable as the rollback journal was);
/// busy_timeout makes SQLite itself wait for the write lock with short retries, instead of failing back to
/// Microsoft.Data.Sqlite, whose busy retry sleeps the thread 150 ms at a time.
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
