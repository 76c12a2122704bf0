using System.Threading.Channels;

namespace CitizenBot.Bot.Hosting;

/// <summary>
/// Work handed to threads of its own (one, in order, unless more are asked for), for synchronous calls a request must
/// not wait for or block a pool thread with: Hangfire's client is synchronous, and with Redis storage each enqueue blocks its thread
/// for a round trip. Made on request threads, many at once starve the thread pool that completes those very round
/// trips' socket reads — seconds with every request stalled, then StackExchange.Redis timeouts (seen in the scaled-out
/// perf run, docs/performance.md). Hand only what is found again when a hand-off is lost (the process stops, the
/// storage is away): work whose cause is committed first and swept later. What is still waiting when the process
/// stops is left to those sweeps, not tried against a storage that is going away.
/// </summary>
internal abstract class HandOffThread<T> : IDisposable
{
    private readonly Channel<T> _items;
    private int _waiting;
    private volatile bool _stopped;

    /// <param name="threads">More than one when order does not matter and one round trip at a time cannot keep up.</param>
    protected HandOffThread(string threadName, int threads = 1)
    {
        _items = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = threads == 1 });
        for (var i = 0; i < threads; i++)
        {
            new Thread(Loop) { IsBackground = true, Name = threadName }.Start();
        }
    }

    /// <summary>Items handed over and not yet done (one being done counts until it is).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    protected void Hand(T item)
    {
        Interlocked.Increment(ref _waiting);
        if (!_items.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _waiting); // disposed: the process is stopping
        }
    }

    /// <summary>Does one item; returns how many handed items are done with it (0 when it is kept for <see cref="Drained"/>).</summary>
    protected abstract int Handle(T item);

    /// <summary>Called once every item handed so far has been taken; returns how many kept items it has done.</summary>
    protected virtual int Drained() => 0;

    private void Done(int count) => Interlocked.Add(ref _waiting, -count);

    private void Loop()
    {
        var reader = _items.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult() && !_stopped)
        {
            while (!_stopped && reader.TryRead(out var item))
            {
                Done(Handle(item));
            }

            if (!_stopped)
            {
                Done(Drained());
            }
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _items.Writer.TryComplete();
    }
}
