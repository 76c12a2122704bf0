using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// The Direct Line activity log in Redis (one list per conversation) and a pub/sub notice on every append, so a
/// WebSocket held by one instance streams the replies a turn on another instance produced (docs/directline.md §3).
/// </summary>
internal sealed class RedisDirectLineConversationStore : IDirectLineConversationStore, IDisposable
{
    // Appends with a length check: two instances appending at once retry rather than share an id or a watermark.
    private static readonly LuaScript Append = LuaScript.Prepare("""
        if redis.call('LLEN', @log) ~= tonumber(@expected) then return 0 end
        redis.call('RPUSH', @log, @json)
        redis.call('HSET', @conversation, 'ts', @stamp)
        redis.call('PEXPIRE', @log, @retentionMs)
        redis.call('PEXPIRE', @conversation, @retentionMs)
        redis.call('PUBLISH', @channel, @id)
        return 1
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _appended = new(StringComparer.Ordinal);
    private readonly ChannelMessageQueue _notices;

    public RedisDirectLineConversationStore(IConnectionMultiplexer redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
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
            await database.HashSetAsync(key, [new("epoch", Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(3))), new("ts", 0)]).ConfigureAwait(false);
            await database.KeyExpireAsync(key, DirectLineDefaults.ConversationRetention).ConfigureAwait(false);
        }

        return created;
    }

    public async Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        var user = (string?)await _redis.GetDatabase().HashGetAsync(RedisKeys.DirectLineConversation(conversationId), "user").ConfigureAwait(false);
        return user is null ? null : new DirectLineConversation(conversationId, user);
    }

    public async Task<int> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var database = _redis.GetDatabase();
        var conversationKey = RedisKeys.DirectLineConversation(conversationId);
        var logKey = RedisKeys.DirectLineLog(conversationId);
        while (true)
        {
            var fields = await database.HashGetAsync(conversationKey, ["epoch", "ts"]).ConfigureAwait(false);
            if (fields[0].IsNull)
            {
                throw new InvalidOperationException("Direct Line conversation must be created before it is used.");
            }

            var count = await database.ListLengthAsync(logKey).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            // Web Chat sorts by timestamp in milliseconds; equal stamps would let a reply sort above its message.
            var stamp = Math.Max(now.ToUnixTimeMilliseconds(), (long)fields[1] + 1);
            activity.Id = string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{(string?)fields[0]}{count:D7}");
            activity.Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(stamp);
            var appended = (int)await database.ScriptEvaluateAsync(Append, new
            {
                log = (RedisKey)logKey,
                conversation = (RedisKey)conversationKey,
                expected = count,
                json = ActivityJson.Serialize(activity),
                stamp,
                retentionMs = (long)DirectLineDefaults.ConversationRetention.TotalMilliseconds,
                channel = RedisKeys.DirectLineAppended,
                id = conversationId,
            }).ConfigureAwait(false);
            if (appended == 1)
            {
                return (int)count + 1;
            }
        }
    }

    public async Task<DirectLinePage> ReadAsync(string conversationId, int watermark, CancellationToken cancellationToken)
    {
        var database = _redis.GetDatabase();
        var logKey = RedisKeys.DirectLineLog(conversationId);
        var count = await database.ListLengthAsync(logKey).ConfigureAwait(false);
        var from = watermark < 0 || watermark > count ? 0 : watermark;
        var entries = await database.ListRangeAsync(logKey, from, -1).ConfigureAwait(false);
        return new DirectLinePage([.. entries.Select(e => (string)e!)], from + entries.Length);
    }

    public async Task<bool> WaitAsync(string conversationId, int watermark, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Listen first, then look: an append between the two is still seen.
        var appended = _appended.GetOrAdd(conversationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        if (await _redis.GetDatabase().ListLengthAsync(RedisKeys.DirectLineLog(conversationId)).ConfigureAwait(false) > watermark)
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
}
