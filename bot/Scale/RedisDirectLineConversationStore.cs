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
/// Redis would stop state, locks and jobs for every instance.
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
        local excess = redis.call('LLEN', @log) - tonumber(@max)
        if excess > 0 then
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
        return {1}
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

    public async Task EraseAsync(string conversationId, CancellationToken cancellationToken) =>
        await _redis.GetDatabase().ScriptEvaluateAsync(Erase, new
        {
            conversation = (RedisKey)RedisKeys.DirectLineConversation(conversationId),
            log = (RedisKey)RedisKeys.DirectLineLog(conversationId),
            cids = (RedisKey)RedisKeys.DirectLineClientIds(conversationId),
            epoch = NewEpoch(),
        }).ConfigureAwait(false);

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
                    return ((int)count + 1, null);
                case 2:
                    return ((int)count, (string?)result[1]);
            }
        }
    }
}
