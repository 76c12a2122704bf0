using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// The Direct Line activity log in Redis (one list per conversation) and a pub/sub notice on every append, so a
/// WebSocket held by one instance streams the replies a turn on another instance produced (docs/directline.md, Scaled out).
/// A log keeps at most <see cref="DirectLineOptions.MaxLogEntries"/> entries (the oldest are trimmed and counted in
/// <c>dropped</c>, so watermarks still count every entry ever appended): Redis runs with <c>noeviction</c>, and a full
/// Redis would stop state, locks and jobs for every instance. All logs together hold at most
/// <see cref="DirectLineOptions.MaxTotalLogBytes"/>, counted across instances in Redis: every append adds its bytes (less
/// what the per-conversation cap trimmed) to a total and to the conversation's line in a size hash, and stamps the
/// conversation in a sorted set by last append; past the total, the oldest entries of the longest-idle conversations are
/// dropped, down to nine tenths, as the in-memory store does. Erasure and the day's retention take a conversation's
/// bytes out again. The per-conversation keys and these global keys are in different hash slots (so the scripts also run
/// on a Redis Cluster), hence a second script per append; an instance that dies between the two leaves one append
/// uncounted until that conversation is erased or expires.
/// </summary>
internal sealed class RedisDirectLineConversationStore : IDirectLineConversationStore, IDisposable
{
    // Appends with a count check: two instances appending at once retry rather than share an id or a watermark. A
    // client activity id already in the conversation answers the first id instead ({2, id}).
    private static readonly LuaScript Append = LuaScript.Prepare("""
        if @cid ~= '' then
          local first = redis.call('HGET', @cids, @cid)
          if first then return {2, first} end
        end
        local fields = redis.call('HMGET', @conversation, 'epoch', 'dropped')
        local dropped = tonumber(fields[2] or '0')
        if fields[1] ~= @epoch or dropped + redis.call('LLEN', @log) ~= tonumber(@expected) then return {0} end
        redis.call('RPUSH', @log, @json)
        local grown = #@json
        local excess = redis.call('LLEN', @log) - tonumber(@max)
        if excess > 0 then
          for _, gone in ipairs(redis.call('LRANGE', @log, 0, excess - 1)) do grown = grown - #gone end
          redis.call('LTRIM', @log, excess, -1)
          redis.call('HINCRBY', @conversation, 'dropped', excess)
        end
        if @cid ~= '' then
          if redis.call('HLEN', @cids) >= tonumber(@max) then redis.call('DEL', @cids) end
          redis.call('HSET', @cids, @cid, @id)
          redis.call('PEXPIRE', @cids, @retentionMs)
        end
        redis.call('HSET', @conversation, 'ts', @stamp)
        redis.call('PEXPIRE', @log, @retentionMs)
        redis.call('PEXPIRE', @conversation, @retentionMs)
        redis.call('PUBLISH', @channel, @conversationId)
        return {1, grown}
        """);

    // Counts a log's change of size into the total (and, on an append, stamps its conversation as the most recent);
    // forgets conversations idle past the retention, whose keys Redis has expired; answers the longest-idle
    // conversations to trim when the total is past its budget.
    private static readonly LuaScript Account = LuaScript.Prepare("""
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', @idle, '-inf', @cutoff, 'LIMIT', 0, 16)) do
          redis.call('DECRBY', @total, tonumber(redis.call('HGET', @bytes, id) or '0'))
          redis.call('HDEL', @bytes, id)
          redis.call('ZREM', @idle, id)
        end
        if @conversationId ~= '' then
          if tonumber(@touch) == 1 or redis.call('HEXISTS', @bytes, @conversationId) == 1 then
            local size = redis.call('HINCRBY', @bytes, @conversationId, @delta)
            redis.call('INCRBY', @total, @delta)
            if tonumber(@touch) == 1 then
              redis.call('ZADD', @idle, @now, @conversationId)
            elseif size <= 0 then
              redis.call('DECRBY', @total, size)
              redis.call('HDEL', @bytes, @conversationId)
              redis.call('ZREM', @idle, @conversationId)
            end
          end
        end
        local total = tonumber(redis.call('GET', @total) or '0')
        if total <= tonumber(@max) then return {total} end
        local result = {total}
        for _, id in ipairs(redis.call('ZRANGE', @idle, 0, 7)) do result[#result + 1] = id end
        return result
        """);

    // Drops the oldest entries of one log until @need bytes are freed (or the log is empty); answers the bytes freed.
    private static readonly LuaScript DropOldest = LuaScript.Prepare("""
        local freed, count = 0, 0
        while freed < tonumber(@need) do
          local gone = redis.call('LPOP', @log)
          if not gone then break end
          freed = freed + #gone
          count = count + 1
        end
        if count > 0 then redis.call('HINCRBY', @conversation, 'dropped', count) end
        return freed
        """);

    // Forgets a conversation's bytes (erasure): its log is gone.
    private static readonly LuaScript Forget = LuaScript.Prepare("""
        redis.call('DECRBY', @total, tonumber(redis.call('HGET', @bytes, @conversationId) or '0'))
        redis.call('HDEL', @bytes, @conversationId)
        redis.call('ZREM', @idle, @conversationId)
        return 1
        """);

    private static readonly LuaScript Erase = LuaScript.Prepare("""
        if redis.call('EXISTS', @conversation) == 0 then return 0 end
        redis.call('DEL', @log, @cids)
        redis.call('HSET', @conversation, 'erased', 1, 'dropped', 0, 'epoch', @epoch)
        return 1
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _time;
    private readonly IOptions<DirectLineOptions> _options;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _appended = new(StringComparer.Ordinal);
    private readonly ChannelMessageQueue _notices;

    public RedisDirectLineConversationStore(IConnectionMultiplexer redis, TimeProvider time, IOptions<DirectLineOptions> options)
    {
        _redis = redis;
        _time = time;
        _options = options;
        _notices = redis.GetSubscriber().Subscribe(RedisChannel.Literal(RedisKeys.DirectLineAppended));
        _notices.OnMessage(message =>
        {
            if (_appended.TryRemove(message.Message!, out var waiters))
            {
                waiters.TrySetResult();
            }
        });
    }

    public async Task<bool> CreateAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        var key = RedisKeys.DirectLineConversation(conversation.Id);
        var database = _redis.GetDatabase();
        var created = await database.HashSetAsync(key, "user", conversation.UserId, When.NotExists).ConfigureAwait(false);
        if (created)
        {
            // A new log gets a new id prefix, so ids never repeat if a log is ever recreated (as in memory).
            await database.HashSetAsync(key, [new("epoch", NewEpoch()), new("ts", 0)]).ConfigureAwait(false);
            await database.KeyExpireAsync(key, DirectLineDefaults.ConversationRetention).ConfigureAwait(false);
        }

        return created;
    }

    public async Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        var fields = await _redis.GetDatabase().HashGetAsync(RedisKeys.DirectLineConversation(conversationId), ["user", "erased"]).ConfigureAwait(false);
        return fields[0].IsNull ? null : new DirectLineConversation(conversationId, (string)fields[0]!, Erased: !fields[1].IsNull);
    }

    public async Task<int> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        (await AppendCoreAsync(conversationId, activity, clientActivityId: null).ConfigureAwait(false)).Watermark;

    public async Task<string?> AppendOnceAsync(string conversationId, Activity activity, string clientActivityId, CancellationToken cancellationToken) =>
        (await AppendCoreAsync(conversationId, activity, clientActivityId).ConfigureAwait(false)).FirstId;

    public async Task EraseAsync(string conversationId, CancellationToken cancellationToken)
    {
        var database = _redis.GetDatabase();
        await database.ScriptEvaluateAsync(Erase, new
        {
            conversation = (RedisKey)RedisKeys.DirectLineConversation(conversationId),
            log = (RedisKey)RedisKeys.DirectLineLog(conversationId),
            cids = (RedisKey)RedisKeys.DirectLineClientIds(conversationId),
            epoch = NewEpoch(),
        }).ConfigureAwait(false);
        await ForgetAsync(database, conversationId).ConfigureAwait(false);
    }

    public async Task<DirectLinePage> ReadAsync(string conversationId, int watermark, CancellationToken cancellationToken)
    {
        var database = _redis.GetDatabase();
        var logKey = RedisKeys.DirectLineLog(conversationId);
        var (dropped, length) = await CountAsync(database, conversationId).ConfigureAwait(false);
        var total = dropped + length;
        var skip = watermark < dropped || watermark > total ? 0 : watermark - dropped;
        var entries = await database.ListRangeAsync(logKey, skip, -1).ConfigureAwait(false);
        return new DirectLinePage([.. entries.Select(e => (string)e!)], (int)(dropped + skip + entries.Length));
    }

    public async Task<bool> WaitAsync(string conversationId, int watermark, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Listen first, then look: an append between the two is still seen.
        var appended = _appended.GetOrAdd(conversationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        var (dropped, length) = await CountAsync(_redis.GetDatabase(), conversationId).ConfigureAwait(false);
        if (dropped + length != watermark)
        {
            return true;
        }

        try
        {
            await appended.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose() => _notices.Unsubscribe();

    private static string NewEpoch() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(3));

    private static async Task<(long Dropped, long Length)> CountAsync(IDatabase database, string conversationId)
    {
        var dropped = database.HashGetAsync(RedisKeys.DirectLineConversation(conversationId), "dropped");
        var length = database.ListLengthAsync(RedisKeys.DirectLineLog(conversationId));
        return ((long?)await dropped.ConfigureAwait(false) ?? 0, await length.ConfigureAwait(false));
    }

    /// <summary>
    /// Counts a log's change of size into the total across instances; past <see cref="DirectLineOptions.MaxTotalLogBytes"/>,
    /// drops the oldest entries of the longest-idle conversations until all logs hold nine tenths of it.
    /// </summary>
    private async Task KeepWithinBudgetAsync(IDatabase database, string conversationId, long delta)
    {
        var budget = _options.Value.MaxTotalLogBytes;
        var target = budget / 10 * 9;
        var answer = await AccountAsync(database, conversationId, delta, touch: true).ConfigureAwait(false);
        // Each round answers up to eight conversations; a few rounds free any excess one append can cause.
        for (var round = 0; round < 4 && (long)answer[0] > budget && answer.Length > 1; round++)
        {
            foreach (var victim in answer.Skip(1).Select(v => (string)v!).ToList())
            {
                var freed = (long)await database.ScriptEvaluateAsync(DropOldest, new
                {
                    log = (RedisKey)RedisKeys.DirectLineLog(victim),
                    conversation = (RedisKey)RedisKeys.DirectLineConversation(victim),
                    need = (long)answer[0] - target,
                }).ConfigureAwait(false);
                if (freed == 0)
                {
                    // Counted but holding nothing (its keys expired before the count forgot it): forget it now.
                    await ForgetAsync(database, victim).ConfigureAwait(false);
                }

                answer = await AccountAsync(database, victim, -freed, touch: false).ConfigureAwait(false);
                if ((long)answer[0] <= target)
                {
                    return;
                }
            }
        }
    }

    private static Task ForgetAsync(IDatabase database, string conversationId) =>
        database.ScriptEvaluateAsync(Forget, new
        {
            bytes = (RedisKey)RedisKeys.DirectLineLogBytes,
            idle = (RedisKey)RedisKeys.DirectLineLogIdle,
            total = (RedisKey)RedisKeys.DirectLineLogTotal,
            conversationId,
        });

    private async Task<RedisResult[]> AccountAsync(IDatabase database, string conversationId, long delta, bool touch)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return (RedisResult[])(await database.ScriptEvaluateAsync(Account, new
        {
            bytes = (RedisKey)RedisKeys.DirectLineLogBytes,
            idle = (RedisKey)RedisKeys.DirectLineLogIdle,
            total = (RedisKey)RedisKeys.DirectLineLogTotal,
            conversationId,
            delta,
            touch = touch ? 1 : 0,
            now,
            cutoff = now - (long)DirectLineDefaults.ConversationRetention.TotalMilliseconds,
            max = _options.Value.MaxTotalLogBytes,
        }).ConfigureAwait(false))!;
    }

    private async Task<(int Watermark, string? FirstId)> AppendCoreAsync(string conversationId, Activity activity, string? clientActivityId)
    {
        var database = _redis.GetDatabase();
        var conversationKey = RedisKeys.DirectLineConversation(conversationId);
        var logKey = RedisKeys.DirectLineLog(conversationId);
        while (true)
        {
            var fields = await database.HashGetAsync(conversationKey, ["epoch", "ts", "dropped"]).ConfigureAwait(false);
            if (fields[0].IsNull)
            {
                throw new InvalidOperationException("Direct Line conversation must be created before it is used.");
            }

            var count = ((long?)fields[2] ?? 0) + await database.ListLengthAsync(logKey).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            // Web Chat sorts by timestamp in milliseconds; equal stamps would let a reply sort above its message.
            var stamp = Math.Max(now.ToUnixTimeMilliseconds(), (long)fields[1] + 1);
            activity.Id = string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{(string?)fields[0]}{count:D7}");
            activity.Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(stamp);
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(Append, new
            {
                log = (RedisKey)logKey,
                conversation = (RedisKey)conversationKey,
                cids = (RedisKey)RedisKeys.DirectLineClientIds(conversationId),
                cid = clientActivityId ?? string.Empty,
                id = activity.Id,
                epoch = (string?)fields[0],
                expected = count,
                max = _options.Value.MaxLogEntries,
                json = ActivityJson.Serialize(activity),
                stamp,
                retentionMs = (long)DirectLineDefaults.ConversationRetention.TotalMilliseconds,
                channel = RedisKeys.DirectLineAppended,
                conversationId,
            }).ConfigureAwait(false))!;
            switch ((int)result[0])
            {
                case 1:
                    await KeepWithinBudgetAsync(database, conversationId, (long)result[1]).ConfigureAwait(false);
                    return ((int)count + 1, null);
                case 2:
                    return ((int)count, (string?)result[1]);
            }
        }
    }
}
