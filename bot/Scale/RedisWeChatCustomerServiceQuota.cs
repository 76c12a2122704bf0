using CitizenBot.Channels.WeChat;
using CitizenBot.Channels.WeChat.Replies;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// The customer-service allowance per user counted in Redis, so two instances answering one user
/// together never spend more than WeChat grants. Same rules as the in-memory quota: a grant replaces an allowance
/// that is spent, smaller, or ends sooner.
/// </summary>
internal sealed class RedisWeChatCustomerServiceQuota(IConnectionMultiplexer redis, TimeProvider time) : IWeChatCustomerServiceQuota
{
    private static readonly LuaScript Grant = LuaScript.Prepare("""
        local remaining = tonumber(redis.call('HGET', @key, 'n') or '-1')
        local expires = tonumber(redis.call('HGET', @key, 'e') or '0')
        local now = tonumber(@now)
        if expires <= now or remaining <= tonumber(@count) or expires <= tonumber(@expires) then
          redis.call('HSET', @key, 'n', @count, 'e', @expires)
          redis.call('PEXPIREAT', @key, @expires)
        end
        return 1
        """);

    private static readonly LuaScript Consume = LuaScript.Prepare("""
        local remaining = tonumber(redis.call('HGET', @key, 'n') or '0')
        local expires = tonumber(redis.call('HGET', @key, 'e') or '0')
        if expires <= tonumber(@now) or remaining <= 0 then return 0 end
        redis.call('HINCRBY', @key, 'n', -1)
        return 1
        """);

    public async ValueTask GrantAsync(string openId, QuotaGrant grant, CancellationToken cancellationToken)
    {
        var (count, window) = WeChatDefaults.QuotaFor(grant);
        if (count > 0)
        {
            var now = time.GetUtcNow();
            await redis.GetDatabase().ScriptEvaluateAsync(Grant, new
            {
                key = (RedisKey)RedisKeys.WeChatQuota(openId),
                now = now.ToUnixTimeMilliseconds(),
                count,
                expires = (now + window).ToUnixTimeMilliseconds(),
            }).ConfigureAwait(false);
        }
    }

    public async ValueTask<bool> TryConsumeAsync(string openId, CancellationToken cancellationToken) =>
        (int)await redis.GetDatabase().ScriptEvaluateAsync(Consume, new
        {
            key = (RedisKey)RedisKeys.WeChatQuota(openId),
            now = time.GetUtcNow().ToUnixTimeMilliseconds(),
        }).ConfigureAwait(false) == 1;
}
