using CitizenBot.Channels.DirectLine;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>The Direct Line fixed windows in Redis: every instance counts into the same window.</summary>
internal sealed class RedisDirectLineRateLimiter(IConnectionMultiplexer redis) : IDirectLineRateLimiter
{
    private static readonly LuaScript Hit = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        if count == 1 then redis.call('PEXPIRE', @key, @windowMs) end
        return {count, redis.call('PTTL', @key)}
        """);

    public async ValueTask<RateDecision> HitAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Hit, new
        {
            key = (RedisKey)RedisKeys.RateWindow(key),
            windowMs = (long)window.TotalMilliseconds,
        }).ConfigureAwait(false))!;
        var count = (long)result[0];
        var ttl = Math.Max(0, (long)result[1]);
        return new RateDecision(count <= permits, count == permits + 1, TimeSpan.FromMilliseconds(ttl));
    }
}
