using CitizenBot.Channels.DirectLine;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>The Direct Line fixed windows in Redis: every instance counts into the same window (requests, uploads, bytes).</summary>
internal sealed class RedisDirectLineRateLimiter(IConnectionMultiplexer redis) : IDirectLineRateLimiter
{
    private static readonly LuaScript Hit = LuaScript.Prepare("""
        local count = redis.call('INCRBY', @key, @cost)
        if redis.call('PTTL', @key) < 0 then redis.call('PEXPIRE', @key, @windowMs) end
        return {count, redis.call('PTTL', @key)}
        """);

    public async ValueTask<RateDecision> HitAsync(string key, long cost, long budget, TimeSpan window, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Hit, new
        {
            key = (RedisKey)RedisKeys.RateWindow(key),
            windowMs = (long)window.TotalMilliseconds,
            cost,
        }).ConfigureAwait(false))!;
        var count = (long)result[0];
        var ttl = Math.Max(0, (long)result[1]);
        return new RateDecision(count <= budget, count > budget && count - cost <= budget, TimeSpan.FromMilliseconds(ttl));
    }
}
