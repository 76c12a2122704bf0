namespace CitizenBot.Bot.Data;

/// <summary>
/// Whether the ticket database takes one writer at a time, and the turn a writer waits for. Embedded,
/// <c>citizenbot.db</c> has one write lock for every connection, and a connection that finds it taken sleeps in SQLite's
/// busy handler (1, 2, 5 … 100 ms between tries) while the lock sits free. The writes of turns and jobs (the submit, the
/// center push's claim and outcome, the hotspot check) therefore go through <see cref="GroupCommit"/>, whose batches take
/// their turn here. GroupCommit's single writer is now the only holder, so the turn itself matters only to tests that
/// hold it to make the database look busy (folding it into GroupCommit would be simpler). Scaled out (PostgreSQL: row
/// locks, many writers) nothing waits.
/// </summary>
internal sealed class WriteQueue
{
    private readonly SemaphoreSlim? _one;

    private WriteQueue(SemaphoreSlim? one) => _one = one;

    /// <summary>One writer at a time (SQLite).</summary>
    public static WriteQueue OneAtATime() => new(new SemaphoreSlim(1, 1));

    /// <summary>No waiting (a database with row locks).</summary>
    public static WriteQueue Unordered() => new(null);

    /// <summary>True when writers take turns (SQLite); <see cref="GroupCommit"/> then commits the submits together.</summary>
    public bool IsOrdered => _one is not null;

    /// <summary>Waits for this caller's turn to write; disposing the result ends it.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (_one is not null)
        {
            await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new Turn(_one);
    }

    public readonly struct Turn(SemaphoreSlim? one) : IDisposable
    {
        public void Dispose() => one?.Release();
    }
}
