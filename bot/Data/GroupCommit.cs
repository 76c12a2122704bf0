using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Data;

/// <summary>
/// The ticket writes of turns and jobs (the submit, the center push's claim and outcome, the hotspot check), committed
/// together. Embedded, <c>citizenbot.db</c> takes one writer at a time and every commit waits for its fsync; a commit
/// per write put a busy moment's submits in a line, each waiting for every commit ahead of it. Here the writes queued while a commit is on disk go together in the next
/// transaction (one fsync for all of them, as the turn database does with conversation state), each inside a savepoint
/// of its own so that one write's failure (a retried submit's duplicate key) is its caller's alone and the others still
/// commit. A batch takes one turn of the <see cref="WriteQueue"/>, so it waits for nothing but the database. Scaled out
/// (PostgreSQL commits many transactions at once) each write is a transaction of its own.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>Bounds one transaction so a burst cannot hold the commit (and its callers) back for long.</summary>
    private const int MaxBatch = 256;

    private const string Savepoint = "one_write";

    private readonly IDbContextFactory<CitizenBotDbContext> _databases;
    private readonly WriteQueue _queue;
    private readonly Channel<PendingWrite>? _pending;
    private readonly Task _writer = Task.CompletedTask;

    public GroupCommit(IDbContextFactory<CitizenBotDbContext> databases, WriteQueue queue)
    {
        _databases = databases;
        _queue = queue;
        if (queue.IsOrdered)
        {
            _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
            _writer = Task.Run(WriteLoopAsync);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction with the writes queued beside it and returns once that transaction
    /// is committed. The write gets a context of its own change tracking, inside the open transaction; what it throws
    /// reaches this caller alone, with nothing of it written.
    /// </summary>
    public async Task WriteAsync(Func<CitizenBotDbContext, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (_pending is null)
        {
            await using var db = await _databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            db.Database.AutoSavepointsEnabled = false;
            await write(db, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var pending = new PendingWrite(write, cancellationToken);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }

        await pending.Done.ConfigureAwait(false);
    }

    /// <summary>
    /// Saves what <paramref name="source"/> tracks as added, changed or deleted in the next group transaction, as
    /// <see cref="WriteAsync"/> does with a write, and then takes it as saved in <paramref name="source"/>. For a job that
    /// read and changed its rows in a context of its own (the center push's outcome): it waits for one shared commit
    /// instead of a commit of its own in the write queue. Every tracked entity is tracked again in the write's context
    /// in its state (owned parts included), with only the changed properties marked changed. <paramref name="alsoWrite"/>,
    /// if given, runs in the same transaction after the save.
    /// </summary>
    public async Task SaveChangesAsync(CitizenBotDbContext source, CancellationToken cancellationToken, Func<CitizenBotDbContext, CancellationToken, Task>? alsoWrite = null)
    {
        if (_pending is null && alsoWrite is null)
        {
            // One SaveChanges is atomic by itself; an explicit transaction would only add BEGIN and COMMIT round trips.
            await source.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_pending is null)
        {
            await using var transaction = await source.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            source.Database.AutoSavepointsEnabled = false;
            await source.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (alsoWrite is not null)
            {
                await alsoWrite(source, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        source.ChangeTracker.DetectChanges();
        var entries = source.ChangeTracker.Entries()
            .Select(e => (e.Entity, e.State, Changed: e.State == EntityState.Modified ? e.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToArray() : []))
            .ToList();
        if (alsoWrite is null && entries.TrueForAll(e => e.State == EntityState.Unchanged))
        {
            return;
        }

        await WriteAsync(async (db, ct) =>
        {
            foreach (var (entity, state, changed) in entries)
            {
                var entry = db.Entry(entity);
                entry.State = state == EntityState.Modified ? EntityState.Unchanged : state;
                foreach (var name in changed)
                {
                    entry.Property(name).IsModified = true;
                }
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            if (alsoWrite is not null)
            {
                await alsoWrite(db, ct).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        source.ChangeTracker.AcceptAllChanges();
    }

    public async ValueTask DisposeAsync()
    {
        if (_pending?.Writer.TryComplete() == true)
        {
            await _writer.ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending!.Reader;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // The batch is gathered once the database is ours: everything that queued while the last commit was on disk.
            using (await _queue.EnterAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var pending))
                {
                    if (!pending.CancelIfRequested())
                    {
                        batch.Add(pending);
                    }
                }

                if (batch.Count > 0)
                {
                    await CommitAsync(batch).ConfigureAwait(false);
                }
            }

            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            await using var db = await _databases.CreateDbContextAsync().ConfigureAwait(false);
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            foreach (var pending in batch)
            {
                await transaction.CreateSavepointAsync(Savepoint).ConfigureAwait(false);
                if (!await pending.RunAsync(db).ConfigureAwait(false))
                {
                    await transaction.RollbackToSavepointAsync(Savepoint).ConfigureAwait(false);
                }

                await transaction.ReleaseSavepointAsync(Savepoint).ConfigureAwait(false);
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing of the batch is written (the transaction rolled back or never began): every caller hears of it.
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }

            return;
        }

        foreach (var pending in batch)
        {
            pending.Complete();
        }
    }

    private sealed class PendingWrite(Func<CitizenBotDbContext, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Exception? _error;

        public Task Done => _done.Task;

        /// <summary>True when the caller gave up before its write began; it is then skipped.</summary>
        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _done.TrySetCanceled(cancellationToken);

        /// <returns>False when the write failed; its failure is kept for its caller.</returns>
        public async Task<bool> RunAsync(CitizenBotDbContext db)
        {
            try
            {
                await write(db, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex)
            {
                _error = ex;
                return false;
            }
        }

        public void Complete()
        {
            if (_error is null)
            {
                _done.TrySetResult();
            }
            else
            {
                Fail(_error);
            }
        }

        public void Fail(Exception exception)
        {
            if (exception is OperationCanceledException canceled && cancellationToken.IsCancellationRequested)
            {
                _done.TrySetCanceled(canceled.CancellationToken);
            }
            else
            {
                _done.TrySetException(exception);
            }
        }
    }
}
