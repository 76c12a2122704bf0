using CitizenBot.Bot.Turns;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// Conversation state shared by every instance: one hash per conversation (data, version, turn ledger). A write
/// succeeds only when the version is the one read and no newer lease was handed out for the conversation (fencing);
/// the ledger is written by the same script, so a turn is recorded exactly when its state is (TurnLedger).
/// </summary>
internal sealed class RedisConversationStateStore(IConnectionMultiplexer redis) : IConversationStateStore
{
    /// <summary>An abandoned conversation's state is dropped after this long without a turn.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static readonly LuaScript Save = LuaScript.Prepare("""
        local version = tonumber(redis.call('HGET', @state, 'v') or '0')
        if version ~= tonumber(@expected) then return 0 end
        local newest = tonumber(redis.call('GET', @fence) or '0')
        if tonumber(@token) < newest then return -1 end
        redis.call('HSET', @state, 'd', @data, 'v', version + 1)
        if @turns ~= '' then redis.call('HSET', @state, 't', @turns) end
        redis.call('PEXPIRE', @state, @retention)
        return 1
        """);

    public async Task<StoredState> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var fields = await redis.GetDatabase().HashGetAsync(RedisKeys.State(key), ["d", "v", "t"]).ConfigureAwait(false);
        return fields[0].IsNull ? new StoredState(null, 0) : new StoredState((byte[])fields[0]!, (long)fields[1], fields[2].IsNull ? null : (byte[])fields[2]!);
    }

    public async Task<bool> TrySaveAsync(string key, byte[] data, byte[]? turns, long expectedVersion, long fencingToken, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Save, new
        {
            state = (RedisKey)RedisKeys.State(key),
            fence = (RedisKey)RedisKeys.Fence(key),
            expected = expectedVersion,
            token = fencingToken,
            data,
            turns = turns ?? [],
            retention = (long)Retention.TotalMilliseconds,
        }).ConfigureAwait(false);
        return (int)result == 1;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => redis.GetDatabase().KeyDeleteAsync(RedisKeys.State(key));
}
