using CitizenBot.Channels.WeChat;
using CitizenBot.Channels.WeChat.Security;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>Signed triples seen by any instance: the first body wins; a retry with the same body passes.</summary>
internal sealed class RedisWeChatReplayGuard(IConnectionMultiplexer redis) : IWeChatReplayGuard
{
    private static readonly LuaScript Accept = LuaScript.Prepare("""
        local seen = redis.call('GET', @key)
        if not seen then
          redis.call('SET', @key, @fingerprint, 'PX', @lifetimeMs)
          return 1
        end
        if seen == @fingerprint then return 1 end
        return 0
        """);

    public async ValueTask<bool> TryAcceptAsync(string signedTriple, string bodyFingerprint, CancellationToken cancellationToken) =>
        (int)await redis.GetDatabase().ScriptEvaluateAsync(Accept, new
        {
            key = (RedisKey)RedisKeys.WeChatReplay(signedTriple),
            fingerprint = bodyFingerprint,
            lifetimeMs = (long)WeChatDefaults.DedupLifetime.TotalMilliseconds,
        }).ConfigureAwait(false) == 1;
}
