using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Housekeeping;

namespace CitizenBot.Channels.DirectLine;

/// <summary>The conversation log of one process. Idle conversations are dropped after a day, as the real service does.</summary>
internal sealed class InMemoryDirectLineConversationStore(TimeProvider time) : IDirectLineConversationStore
{
    private readonly ConcurrentDictionary<string, Log> _logs = new(StringComparer.Ordinal);
    private readonly PruneSchedule _prune = new(time, TimeSpan.FromMinutes(10));

    public Task<bool> CreateAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        PruneIdle();
        var created = false;
        _logs.GetOrAdd(conversation.Id, _ =>
        {
            created = true;
            return new Log(conversation, time.GetUtcNow());
        });
        return Task.FromResult(created);
    }

    public Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_logs.TryGetValue(conversationId, out var log) ? log.Conversation : null);

    public Task<int> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(GetLog(conversationId).Append(activity, time.GetUtcNow()));

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
            if (now - log.LastActivity > DirectLineDefaults.ConversationRetention)
            {
                _logs.TryRemove(id, out _);
            }
        }
    }

    private sealed class Log(DirectLineConversation conversation, DateTimeOffset createdAt)
    {
        private readonly object _gate = new();
        private readonly List<string> _entries = [];

        // A new log gets a new id prefix, so ids never repeat after a restart and Web Chat (which upserts by id) keeps
        // what it already shows.
        private readonly string _epoch = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(3));
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;

        public DirectLineConversation Conversation => conversation;

        public DateTimeOffset LastActivity { get; private set; } = createdAt;

        public int Append(Activity activity, DateTimeOffset now)
        {
            TaskCompletionSource changed;
            int watermark;
            lock (_gate)
            {
                // Web Chat sorts by timestamp in milliseconds; equal stamps would let a reply sort above its message.
                var stamp = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond)).ToUniversalTime();
                if (stamp <= _lastTimestamp)
                {
                    stamp = _lastTimestamp.AddMilliseconds(1);
                }

                _lastTimestamp = stamp;
                LastActivity = now;
                activity.Id = string.Create(CultureInfo.InvariantCulture, $"{conversation.Id}|{_epoch}{_entries.Count:D7}");
                activity.Timestamp = stamp;
                _entries.Add(ActivityJson.Serialize(activity));
                watermark = _entries.Count;
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.SetResult();
            return watermark;
        }

        public DirectLinePage Read(int watermark)
        {
            lock (_gate)
            {
                var from = watermark < 0 || watermark > _entries.Count ? 0 : watermark;
                return new DirectLinePage(_entries.GetRange(from, _entries.Count - from), _entries.Count);
            }
        }

        public Task ChangedAfter(int watermark)
        {
            lock (_gate)
            {
                return _entries.Count > watermark ? Task.CompletedTask : _changed.Task;
            }
        }
    }
}
