using System.Text.Json;
using CitizenBot.Channels.WeChat.Api;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// The account's one access_token, shared by every instance, with a Redis lock around the refresh: when the token
/// expires, one instance fetches a new one and the others find it in the cache.
/// </summary>
internal sealed class RedisWeChatAccessTokenCache(IConnectionMultiplexer redis, TimeProvider time) : IWeChatAccessTokenCache
{
    // Longer than a stable_token call can take; a crashed holder blocks refreshes no longer than this.
    private static readonly TimeSpan RefreshLockTime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private static readonly LuaScript Unlock = LuaScript.Prepare("""
        if redis.call('GET', @key) == @me then return redis.call('DEL', @key) end
        return 0
        """);

    public async ValueTask<WeChatAccessToken?> GetAsync(string appId, CancellationToken cancellationToken)
    {
        var json = (string?)await redis.GetDatabase().StringGetAsync(RedisKeys.WeChatToken(appId)).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize(json, ScaleJson.Default.WeChatAccessToken);
    }

    public async ValueTask SetAsync(string appId, WeChatAccessToken token, CancellationToken cancellationToken) =>
        await redis.GetDatabase().StringSetAsync(
            RedisKeys.WeChatToken(appId), JsonSerializer.Serialize(token, ScaleJson.Default.WeChatAccessToken), new Expiration(token.ExpiresAt.UtcDateTime)).ConfigureAwait(false);

    public async ValueTask<IAsyncDisposable> LockRefreshAsync(string appId, CancellationToken cancellationToken)
    {
        var key = RedisKeys.WeChatTokenRefresh(appId);
        var me = Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        while (!await database.StringSetAsync(key, me, RefreshLockTime, When.NotExists).ConfigureAwait(false))
        {
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }

        return new Held(database, key, me);
    }

    private sealed class Held(IDatabase database, string key, string me) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await database.ScriptEvaluateAsync(Unlock, new { key = (RedisKey)key, me }).ConfigureAwait(false);
    }
}
