using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CitizenBot.Bot.Data;

/// <summary>
/// Sets up each physical connection EF opens to the embedded <c>citizenbot.db</c>, once (a pooled connection keeps
/// them; EF reopens a pooled connection for every query). WAL lets readers and the one writer work side by side;
/// synchronous=FULL keeps a commit on disk when it returns (as durable as the rollback journal was); busy_timeout
/// makes SQLite itself wait for the write lock with short retries, instead of failing back to Microsoft.Data.Sqlite,
/// whose busy retry sleeps the thread 150 ms at a time. No memory-mapped reads (mmap_size 0, SQLite's default): each
/// pooled connection maps the file on its own and maps it again whenever the file grows, so with tickets being added
/// every read faulted its pages in afresh; plain reads from the OS page cache cost a quarter less CPU a turn
/// (docs/performance.md, "Memory-mapped reads").
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";

    // Keyed by the native handle, which lives as long as the physical connection, across pool reuse.
    private readonly ConditionalWeakTable<object, object> _prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool NeedsPragmas(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _prepared.TryAdd(handle, handle);
}
