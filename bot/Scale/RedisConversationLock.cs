using System.Collections.Concurrent;
using CitizenBot.Bot.Turns;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// The per-conversation lock shared by every instance. Waiters queue in Redis in arrival order, so ten messages
/// sent at once run one at a time in the order Redis saw them, whichever instance took them. The lock lapses after
/// <see cref="LeaseTime"/> unless its holder renews it (a crashed instance cannot block a user for long); each
/// grant takes the next fencing token, and the state store refuses writes from an older one.
/// A turn costs three round trips: the grant reads the conversation's state in the same script
/// (<see cref="IConversationLease.State"/>), the state store's save script releases the lease
/// (<see cref="RedisConversationStateStore"/>), and the conversation reference is written.
/// </summary>
internal sealed partial class RedisConversationLock : IConversationLock, IDisposable
{
    // A redelivery after its instance died waits this long at most for the lock (and then finds the turn done or runs
    // it); renewed every third of it while a turn runs.
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(10);

    // A waiter that stops polling (its instance died) is dropped from the queue after this long.
    private static readonly TimeSpan WaiterLifetime = TimeSpan.FromSeconds(5);

    // Releases are published when someone waits in the queue; polling only covers a lost message or a lapsed lease.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private static readonly LuaScript TryAcquire = LuaScript.Prepare("""
        local now = redis.call('TIME')
        local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        if not redis.call('ZSCORE', @queue, @me) then
          redis.call('ZADD', @queue, redis.call('INCR', @sequence), @me)
        end
        redis.call('HSET', @waiters, @me, nowMs + tonumber(@waiterMs))
        redis.call('PEXPIRE', @queue, @leaseMs * 4)
        redis.call('PEXPIRE', @waiters, @leaseMs * 4)
        redis.call('PEXPIRE', @sequence, @leaseMs * 4)
        if redis.call('EXISTS', @lock) == 1 then return 0 end
        while true do
          local head = redis.call('ZRANGE', @queue, 0, 0)[1]
          if head == @me then break end
          local alive = tonumber(redis.call('HGET', @waiters, head) or '0')
          if alive >= nowMs then return 0 end
          redis.call('ZREM', @queue, head)
          redis.call('HDEL', @waiters, head)
        end
        redis.call('ZREM', @queue, @me)
        redis.call('HDEL', @waiters, @me)
        local token = redis.call('INCR', @fence)
        redis.call('SET', @lock, @me, 'PX', @leaseMs)
        local state = redis.call('HMGET', @state, 'd', 'v', 't')
        return { token, state[1], state[2], state[3] }
        """);

    private static readonly LuaScript Leave = LuaScript.Prepare("""
        redis.call('ZREM', @queue, @me)
        redis.call('HDEL', @waiters, @me)
        return 1
        """);

    private static readonly LuaScript Renew = LuaScript.Prepare("""
        if redis.call('GET', @lock) == @me then return redis.call('PEXPIRE', @lock, @leaseMs) end
        return 0
        """);

    private static readonly LuaScript Release = LuaScript.Prepare("""
        if redis.call('GET', @lock) == @me then
          redis.call('DEL', @lock)
          if redis.call('EXISTS', @queue) == 1 then redis.call('PUBLISH', @channel, @key) end
          return 1
        end
        return 0
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisConversationLock> _logger;
    private readonly ConcurrentDictionary<string, Signal> _signals = new(StringComparer.Ordinal);
    private readonly ChannelMessageQueue _released;

    // Whether the turn's scripts were sent with SCRIPT LOAD since the last (re)connect: then the client sends their
    // SHA1 (EVALSHA) instead of the whole text with every call; a server that lost them (a restart) gets the text again.
    private volatile bool _scriptsLoaded;

    public RedisConversationLock(IConnectionMultiplexer redis, ILogger<RedisConversationLock> logger)
    {
        _redis = redis;
        _logger = logger;
        redis.ConnectionRestored += (_, _) => _scriptsLoaded = false;
        _released = redis.GetSubscriber().Subscribe(RedisChannel.Literal(RedisKeys.LockReleased));
        _released.OnMessage(message =>
        {
            if (_signals.TryGetValue(message.Message!, out var signal))
            {
                signal.Pulse();
            }
        });
    }

    public async ValueTask<IConversationLease> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        if (!_scriptsLoaded)
        {
            await LoadScriptsAsync().ConfigureAwait(false);
        }

        var me = Guid.NewGuid().ToString("N");
        var database = _redis.GetDatabase();
        var signal = _signals.AddOrUpdate(key, _ => new Signal(), (_, existing) => existing.AddWaiter());
        try
        {
            while (true)
            {
                var wake = signal.Next;
                var granted = await database.ScriptEvaluateAsync(TryAcquire, new
                {
                    state = (RedisKey)RedisKeys.State(key),
                    queue = (RedisKey)RedisKeys.LockQueue(key),
                    waiters = (RedisKey)RedisKeys.LockWaiters(key),
                    sequence = (RedisKey)RedisKeys.LockSequence(key),
                    @lock = (RedisKey)RedisKeys.Lock(key),
                    fence = (RedisKey)RedisKeys.Fence(key),
                    me,
                    waiterMs = (long)WaiterLifetime.TotalMilliseconds,
                    leaseMs = (long)LeaseTime.TotalMilliseconds,
                }).ConfigureAwait(false);
                if (granted.Resp2Type == ResultType.Array)
                {
                    var reply = (RedisResult[])granted!;
                    return new Lease(this, key, me, (long)reply[0], RedisConversationStateStore.Read(reply[1], reply[2], reply[3]));
                }

                try
                {
                    await wake.WaitAsync(PollInterval, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Poll again.
                }
            }
        }
        catch
        {
            await database.ScriptEvaluateAsync(Leave, new
            {
                queue = (RedisKey)RedisKeys.LockQueue(key),
                waiters = (RedisKey)RedisKeys.LockWaiters(key),
                me,
            }).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (signal.RemoveWaiter())
            {
                _signals.TryRemove(new KeyValuePair<string, Signal>(key, signal));
            }
        }
    }

    public void Dispose() => _released.Unsubscribe();

    /// <summary>The scripts of a turn (the lock's and the state store's save), loaded on every primary.</summary>
    private async Task LoadScriptsAsync()
    {
        try
        {
            var loaded = false;
            foreach (var endpoint in _redis.GetEndPoints())
            {
                var server = _redis.GetServer(endpoint);
                if (!server.IsConnected || server.IsReplica)
                {
                    continue;
                }

                foreach (var script in (LuaScript[])[TryAcquire, Release, Renew, Leave, RedisConversationStateStore.Save])
                {
                    await script.LoadAsync(server).ConfigureAwait(false);
                }

                loaded = true;
            }

            // Not connected yet (the process started while Redis was away): tried again on the next turn.
            _scriptsLoaded = loaded;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Not worth failing a turn for: the scripts then travel as text (EVAL) until the next reconnect.
            LogScriptsNotLoaded(_logger, e.GetType().Name);
            _scriptsLoaded = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A conversation lock lapsed before its turn ended; a newer lease may have run, and this turn's state write will be refused")]
    private static partial void LogLapsed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The turn's Redis scripts could not be loaded ({Error}); they are sent as text until the next reconnect")]
    private static partial void LogScriptsNotLoaded(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A conversation lock could not be released ({Error}); it lapses after its lease")]
    private static partial void LogReleaseFailed(ILogger logger, string error);

    /// <summary>Wakes the local waiters of one conversation when any instance releases its lock.</summary>
    private sealed class Signal
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiters = 1;

        public Task Next => Volatile.Read(ref _next).Task;

        public Signal AddWaiter()
        {
            Interlocked.Increment(ref _waiters);
            return this;
        }

        /// <returns>True for the last waiter.</returns>
        public bool RemoveWaiter() => Interlocked.Decrement(ref _waiters) == 0;

        public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>One grant; <see cref="Holder"/> is the lock's value, which the save script compares before releasing it.</summary>
    internal sealed class Lease : IConversationLease
    {
        private readonly RedisConversationLock _owner;
        private readonly string _key;
        // Stopped by disposing it, which ends the renewal loop without an exception (a cancelled wait threw one per turn).
        private readonly PeriodicTimer _renewal = new(LeaseTime / 3);
        private readonly Task _renewing;
        private int _released;

        public Lease(RedisConversationLock owner, string key, string holder, long fencingToken, StoredState state)
        {
            _owner = owner;
            _key = key;
            Holder = holder;
            FencingToken = fencingToken;
            State = state;
            _renewing = RenewAsync();
        }

        public long FencingToken { get; }

        public StoredState? State { get; }

        public string Holder { get; }

        /// <summary>The save script deleted the lock (and published the release): nothing is left to send.</summary>
        public void ReleasedBySave() => Volatile.Write(ref _released, 1);

        public async ValueTask DisposeAsync()
        {
            _renewal.Dispose();
            await _renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (Volatile.Read(ref _released) == 1)
            {
                return;
            }

            try
            {
                await _owner._redis.GetDatabase().ScriptEvaluateAsync(Release, new
                {
                    @lock = (RedisKey)RedisKeys.Lock(_key),
                    queue = (RedisKey)RedisKeys.LockQueue(_key),
                    me = Holder,
                    channel = RedisKeys.LockReleased,
                    key = _key,
                }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // The turn is done and saved; the lease lapses by itself, so its answer must not turn into an error.
                LogReleaseFailed(_owner._logger, e.GetType().Name);
            }
        }

        // A long turn (an LLM answer, a slow center) keeps its lease; a dead instance stops renewing and it lapses.
        private async Task RenewAsync()
        {
            while (await _renewal.WaitForNextTickAsync().ConfigureAwait(false))
            {
                var renewed = (int)await _owner._redis.GetDatabase().ScriptEvaluateAsync(Renew, new
                {
                    @lock = (RedisKey)RedisKeys.Lock(_key),
                    me = Holder,
                    leaseMs = (long)LeaseTime.TotalMilliseconds,
                }).ConfigureAwait(false);
                if (renewed == 0 && Volatile.Read(ref _released) == 0)
                {
                    LogLapsed(_owner._logger);
                    return;
                }
            }
        }
    }
}
