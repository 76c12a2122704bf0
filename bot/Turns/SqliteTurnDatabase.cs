using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Bot.Turns;

/// <summary>
/// The embedded turn database (<c>{data}/state.db</c>): conversation state and references, apart from
/// <c>citizenbot.db</c> so the per-turn writes never wait for tickets, the outbox or Hangfire.
/// All writes go through one long-lived connection on one thread, in arrival order; writes that queue up while a
/// commit is on disk go together in the next transaction (group commit: one fsync for many turns). Each caller
/// awaits its own result. SQLite allows one writer at a time anyway, and serialising here, in process, means no
/// thread ever sleeps in the provider's busy retry. Reads use pooled connections; in WAL mode they never wait for
/// the writer.
/// </summary>
internal sealed class SqliteTurnDatabase : IDisposable
{
    /// <summary>Bounds one transaction so a burst cannot hold the commit (and its callers) back for long.</summary>
    private const int MaxBatch = 512;

    private readonly string _readConnectionString;
    private readonly SqliteConnection _writeConnection;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;

    public SqliteTurnDatabase(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        };
        _readConnectionString = connectionString.ToString();
        _writeConnection = new SqliteConnection(_readConnectionString);
        _writeConnection.Open();
        using (var command = _writeConnection.CreateCommand())
        {
            // WAL + synchronous=FULL: a commit is on disk when it returns (durable every turn). busy_timeout lets
            // SQLite itself wait for another process on the file (an operator's sqlite3 shell, a second test store).
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                PRAGMA busy_timeout = 5000;
                CREATE TABLE IF NOT EXISTS conversation_state (
                    key TEXT PRIMARY KEY NOT NULL,
                    data BLOB NOT NULL,
                    version INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    turns BLOB
                );
                CREATE TABLE IF NOT EXISTS conversation_reference (
                    channel_id TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    reference TEXT NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (channel_id, user_id)
                );
                """;
            command.ExecuteNonQuery();
            // A file from before the turn ledger (TurnLedger) was kept with the state gets its column.
            command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('conversation_state') WHERE name = 'turns'";
            if ((long)command.ExecuteScalar()! == 0)
            {
                command.CommandText = "ALTER TABLE conversation_state ADD COLUMN turns BLOB";
                command.ExecuteNonQuery();
            }
        }

        // A dedicated thread, not the thread pool: a commit blocks in fsync, and on two cores a pool thread blocked
        // there is a turn that cannot run.
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "CitizenBot state writer" };
        _writer.Start();
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the write connection inside the next group transaction and returns its result
    /// once that transaction is committed. <paramref name="committed"/> runs on the writer thread right after the
    /// commit, in commit order, before any later write of the same key can commit (for caches of what was written).
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, Action<T>? committed, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(write, committed, cancellationToken);
        if (!_writes.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteTurnDatabase));
        }

        return pending.Task;
    }

    /// <summary>A pooled read connection; dispose it after use.</summary>
    public async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public void Dispose()
    {
        if (_writes.Writer.TryComplete())
        {
            _writer.Join();
            _writeConnection.Dispose();
        }
    }

    private static void Drain(ChannelReader<PendingWrite> reader, List<PendingWrite> batch)
    {
        while (batch.Count < MaxBatch && reader.TryRead(out var pending))
        {
            if (!pending.CancelIfRequested())
            {
                batch.Add(pending);
            }
        }
    }

    private void WriteLoop()
    {
        var reader = _writes.Reader;
        var batch = new List<PendingWrite>(MaxBatch);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            Drain(reader, batch);
            if (batch.Count is > 0 and < MaxBatch)
            {
                // Let the turns that are running write too, so they share this commit's fsync instead of waiting for the
                // next one (docs/performance.md, "The state writer lets running turns join its commit").
                Thread.Yield();
                Drain(reader, batch);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                using (var transaction = _writeConnection.BeginTransaction(deferred: false))
                {
                    foreach (var pending in batch)
                    {
                        pending.Run(_writeConnection);
                    }

                    transaction.Commit();
                }

                foreach (var pending in batch)
                {
                    pending.Complete();
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Fail(ex);
                }
            }

            batch.Clear();
        }
    }

    private abstract class PendingWrite
    {
        /// <summary>True when the caller gave up before the write started; it is then skipped.</summary>
        public abstract bool CancelIfRequested();

        /// <summary>Runs the write inside the open transaction; its own failure is kept for its caller alone.</summary>
        public abstract void Run(SqliteConnection connection);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, T> write, Action<T>? committed, CancellationToken cancellationToken) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public override bool CancelIfRequested() =>
            cancellationToken.IsCancellationRequested && _done.TrySetCanceled(cancellationToken);

        public override void Run(SqliteConnection connection)
        {
            try
            {
                _result = write(connection);
            }
            catch (SqliteException ex)
            {
                // SQLite rolls back only the failed statement; the others in the transaction still commit.
                _error = ex;
            }
        }

        public override void Complete()
        {
            if (_error is not null)
            {
                _done.TrySetException(_error);
                return;
            }

            try
            {
                committed?.Invoke(_result!);
                _done.TrySetResult(_result!);
            }
            catch (Exception ex)
            {
                _done.TrySetException(ex);
            }
        }

        public override void Fail(Exception exception) => _done.TrySetException(exception);
    }
}
