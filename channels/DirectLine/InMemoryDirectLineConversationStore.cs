using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Housekeeping;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// The conversation log of one process. Idle conversations are dropped after a day, as the real service does; a log
/// keeps at most <see cref="DirectLineOptions.MaxLogEntries"/> entries, so one conversation cannot hold memory hostage,
/// and all logs together at most <see cref="DirectLineOptions.MaxTotalLogBytes"/>, so many conversations cannot either:
/// past it the oldest entries of the longest-idle conversations are dropped (their watermarks still count them).
/// </summary>
internal sealed class InMemoryDirectLineConversationStore(TimeProvider time, IOptions<DirectLineOptions> options) : IDirectLineConversationStore
{
    private readonly ConcurrentDictionary<string, Log> _logs = new(StringComparer.Ordinal);
    private readonly PruneSchedule _prune = new(time, TimeSpan.FromMinutes(10));
    private readonly Lock _trimming = new();
    private long _totalBytes;

    /// <summary>What all logs hold now, counted as <see cref="DirectLineOptions.MaxTotalLogBytes"/> counts it.</summary>
    internal long TotalBytes => Interlocked.Read(ref _totalBytes);

    public Task<bool> CreateAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        PruneIdle();
        var created = false;
        _logs.GetOrAdd(conversation.Id, _ =>
        {
            created = true;
            return new Log(conversation with { Erased = false }, time.GetUtcNow(), options.Value.MaxLogEntries);
        });
        return Task.FromResult(created);
    }

    public Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_logs.TryGetValue(conversationId, out var log) ? log.Conversation : null);

    public Task<int> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(Append(conversationId, activity, clientActivityId: null).Watermark);

    public Task<string?> AppendOnceAsync(string conversationId, Activity activity, string clientActivityId, CancellationToken cancellationToken) =>
        Task.FromResult(Append(conversationId, activity, clientActivityId).FirstId);

    public Task EraseAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (_logs.TryGetValue(conversationId, out var log))
        {
            Interlocked.Add(ref _totalBytes, -log.Erase());
        }

        return Task.CompletedTask;
    }

    public Task<DirectLinePage> ReadAsync(string conversationId, int watermark, CancellationToken cancellationToken) =>
        Task.FromResult(GetLog(conversationId).Read(watermark));

    public async Task<bool> WaitAsync(string conversationId, int watermark, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var changed = GetLog(conversationId).ChangedAfter(watermark);
        if (changed.IsCompleted)
        {
            return true;
        }

        try
        {
            await changed.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private (int Watermark, string? FirstId) Append(string conversationId, Activity activity, string? clientActivityId)
    {
        var (watermark, firstId, grown) = GetLog(conversationId).Append(activity, time.GetUtcNow(), clientActivityId);
        if (Interlocked.Add(ref _totalBytes, grown) > options.Value.MaxTotalLogBytes)
        {
            TrimToBudget();
        }

        return (watermark, firstId);
    }

    /// <summary>Drops the oldest entries of the longest-idle conversations until all logs hold nine tenths of the budget.</summary>
    private void TrimToBudget()
    {
        var target = options.Value.MaxTotalLogBytes / 10 * 9;
        lock (_trimming)
        {
            if (TotalBytes <= options.Value.MaxTotalLogBytes)
            {
                return;
            }

            foreach (var log in _logs.Values.OrderBy(l => l.LastActivity).ToList())
            {
                var excess = TotalBytes - target;
                if (excess <= 0)
                {
                    break;
                }

                Interlocked.Add(ref _totalBytes, -log.DropOldest(excess));
            }
        }
    }

    private Log GetLog(string conversationId) =>
        _logs.TryGetValue(conversationId, out var log)
            ? log
            : throw new InvalidOperationException($"Direct Line conversation must be created before it is used.");

    private void PruneIdle()
    {
        if (!_prune.IsDue())
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (id, log) in _logs)
        {
            if (now - log.LastActivity > DirectLineDefaults.ConversationRetention && _logs.TryRemove(id, out _))
            {
                Interlocked.Add(ref _totalBytes, -log.Erase());
            }
        }
    }

    private sealed class Log(DirectLineConversation conversation, DateTimeOffset createdAt, int maxEntries)
    {
        private readonly object _gate = new();
        private readonly Queue<string> _entries = new();
        private readonly Dictionary<string, string> _clientIds = new(StringComparer.Ordinal);

        // A new log gets a new id prefix, so ids never repeat after a restart and Web Chat (which upserts by id) keeps
        // what it already shows.
        private string _epoch = NewEpoch();
        private int _dropped;
        private long _bytes;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;

        public DirectLineConversation Conversation { get; private set; } = conversation;

        public DateTimeOffset LastActivity { get; private set; } = createdAt;

        private int Count => _dropped + _entries.Count;

        /// <returns>The new watermark, or the first id of a resend; and by how many bytes the log grew (or shrank).</returns>
        public (int Watermark, string? FirstId, long Grown) Append(Activity activity, DateTimeOffset now, string? clientActivityId)
        {
            TaskCompletionSource changed;
            int watermark;
            long before;
            lock (_gate)
            {
                if (clientActivityId is not null && _clientIds.TryGetValue(clientActivityId, out var firstId))
                {
                    return (Count, firstId, 0);
                }

                before = _bytes;

                // Web Chat sorts by timestamp in milliseconds; equal stamps would let a reply sort above its message.
                var stamp = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond)).ToUniversalTime();
                if (stamp <= _lastTimestamp)
                {
                    stamp = _lastTimestamp.AddMilliseconds(1);
                }

                _lastTimestamp = stamp;
                LastActivity = now;
                activity.Id = string.Create(CultureInfo.InvariantCulture, $"{Conversation.Id}|{_epoch}{Count:D7}");
                activity.Timestamp = stamp;
                var entry = ActivityJson.Serialize(activity);
                _entries.Enqueue(entry);
                _bytes += SizeOf(entry);
                if (clientActivityId is not null)
                {
                    _clientIds[clientActivityId] = activity.Id;
                }

                while (_entries.Count > maxEntries)
                {
                    _bytes -= SizeOf(_entries.Dequeue());
                    _dropped++;
                }

                if (_clientIds.Count > maxEntries)
                {
                    // Ids of dropped entries: a resend that old is not a resend any more.
                    _clientIds.Clear();
                }

                watermark = Count;
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.SetResult();
            return (watermark, null, _bytes - before);
        }

        /// <summary>Empties the log; returns the bytes it held.</summary>
        public long Erase()
        {
            lock (_gate)
            {
                var freed = _bytes;
                _entries.Clear();
                _clientIds.Clear();
                _dropped = 0;
                _bytes = 0;
                _epoch = NewEpoch();
                Conversation = Conversation with { Erased = true };
                return freed;
            }
        }

        /// <summary>
        /// Drops the oldest entries until <paramref name="bytes"/> are freed, keeping the newest entry (what the page
        /// shows last: the bot's latest answer). Returns the bytes freed.
        /// </summary>
        public long DropOldest(long bytes)
        {
            lock (_gate)
            {
                long freed = 0;
                while (freed < bytes && _entries.Count > 1)
                {
                    freed += SizeOf(_entries.Dequeue());
                    _dropped++;
                }

                _bytes -= freed;
                return freed;
            }
        }

        // A string's characters take two bytes each.
        private static long SizeOf(string entry) => entry.Length * (long)sizeof(char);

        public DirectLinePage Read(int watermark)
        {
            lock (_gate)
            {
                var skip = watermark < _dropped || watermark > Count ? 0 : watermark - _dropped;
                return new DirectLinePage([.. _entries.Skip(skip)], Count);
            }
        }

        public Task ChangedAfter(int watermark)
        {
            lock (_gate)
            {
                return Count > watermark ? Task.CompletedTask : _changed.Task;
            }
        }

        private static string NewEpoch() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(3));
    }
}
