using CitizenBot.Bot.Turns;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// Conversation state shared by every instance: one hash per conversation (data, version, turn ledger). A write
/// succeeds only when the version is the one read and no newer lease was handed out for the conversation (fencing);
/// the ledger is written by the same script, so a turn is recorded exactly when its state is (TurnLedger). A turn's
/// state is read by the lock's grant (<see cref="RedisConversationLock"/>), and the save script releases that lock
/// when it still holds it, so a turn costs no round trip for either; a lock that lapsed and went to another turn is
/// neither released nor written over (the fence refuses the write first). The release is published only when a turn
/// of the same conversation waits in the lock's queue: most turns have no one waiting, and every instance receives
/// every message on the channel.
/// </summary>
internal sealed class RedisConversationStateStore(IConnectionMultiplexer redis) : IConversationStateStore
{
    /// <summary>An abandoned conversation's state is dropped after this long without a turn.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    internal static readonly LuaScript Save = LuaScript.Prepare("""
        local version = tonumber(redis.call('HGET', @state, 'v') or '0')
        if version ~= tonumber(@expected) then return 0 end
        local newest = tonumber(redis.call('GET', @fence) or '0')
        if tonumber(@token) < newest then return -1 end
        redis.call('HSET', @state, 'd', @data, 'v', version + 1)
        if @turns ~= '' then redis.call('HSET', @state, 't', @turns) end
        redis.call('PEXPIRE', @state, @retention)
        if @holder ~= '' and redis.call('GET', @lock) == @holder then
          redis.call('DEL', @lock)
          if redis.call('EXISTS', @queue) == 1 then redis.call('PUBLISH', @channel, @key) end
          return 2
        end
        return 1
        """);

    public async Task<StoredState> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var fields = await redis.GetDatabase().HashGetAsync(RedisKeys.State(key), ["d", "v", "t"]).ConfigureAwait(false);
        return Read(fields[0], fields[1], fields[2]);
    }

    public async Task<bool> TrySaveAsync(string key, byte[] data, byte[]? turns, long expectedVersion, IConversationLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var redisLease = lease as RedisConversationLock.Lease;
        var result = (int)await redis.GetDatabase().ScriptEvaluateAsync(Save, new
        {
            state = (RedisKey)RedisKeys.State(key),
            fence = (RedisKey)RedisKeys.Fence(key),
            @lock = (RedisKey)RedisKeys.Lock(key),
            queue = (RedisKey)RedisKeys.LockQueue(key),
            expected = expectedVersion,
            token = lease.FencingToken,
            data,
            turns = turns ?? [],
            retention = (long)Retention.TotalMilliseconds,
            holder = redisLease?.Holder ?? "",
            channel = RedisKeys.LockReleased,
            key,
        }).ConfigureAwait(false);
        if (result == 2)
        {
            redisLease!.ReleasedBySave();
        }

        return result > 0;
    }

    /// <summary>The state hash's fields <c>d</c>, <c>v</c>, <c>t</c> as read by <c>HMGET</c> (here or in the lock's script).</summary>
    internal static StoredState Read(RedisValue data, RedisValue version, RedisValue turns) =>
        data.IsNull ? new StoredState(null, 0) : new StoredState((byte[])data!, (long)version, turns.IsNull ? null : (byte[])turns!);

    internal static StoredState Read(RedisResult data, RedisResult version, RedisResult turns) =>
        Read((RedisValue)data, (RedisValue)version, (RedisValue)turns);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => redis.GetDatabase().KeyDeleteAsync(RedisKeys.State(key));
}
