namespace CitizenBot.Bot.Turns;

/// <summary>A keyed async lock; an entry lives only while someone holds or waits for it.</summary>
internal sealed class InProcessConversationLock : IConversationLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _lastFence;

    public async ValueTask<IConversationLease> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.References++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(key, entry, held: false);
            throw;
        }

        return new Releaser(this, key, entry, Interlocked.Increment(ref _lastFence));
    }

    private void Release(string key, Entry entry, bool held)
    {
        lock (_entries)
        {
            if (held)
            {
                entry.Semaphore.Release();
            }

            if (--entry.References == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        // FIFO is not promised by SemaphoreSlim, but waiters of one conversation are released in arrival order in
        // practice, and each turn is a separate user message, so order follows arrival.
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int References { get; set; }
    }

    private sealed class Releaser(InProcessConversationLock owner, string key, Entry entry, long fencingToken) : IConversationLease
    {
        public long FencingToken => fencingToken;

        public StoredState? State => null;

        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(key, entry, held: true);
            }

            return ValueTask.CompletedTask;
        }
    }
}
