namespace CitizenBot.Channels.WeChat.Api;

/// <param name="RefreshAt">When to fetch a new one: at 80 % of the lifetime.</param>
public sealed record WeChatAccessToken(string Value, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt);

/// <summary>
/// Where the one access_token of the account is kept. In memory for one process; a Redis implementation shares it
/// between instances (with a lock around the refresh), so instances never overwrite each other's token.
/// </summary>
public interface IWeChatAccessTokenCache
{
    ValueTask<WeChatAccessToken?> GetAsync(string appId, CancellationToken cancellationToken);

    ValueTask SetAsync(string appId, WeChatAccessToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Held around a refresh, so one refresh is in flight for the account however many instances share the cache
    /// (the provider already serialises refreshes inside one process).
    /// </summary>
    ValueTask<IAsyncDisposable> LockRefreshAsync(string appId, CancellationToken cancellationToken);
}

internal sealed class InMemoryWeChatAccessTokenCache : IWeChatAccessTokenCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, WeChatAccessToken> _tokens = new(StringComparer.Ordinal);

    public ValueTask<WeChatAccessToken?> GetAsync(string appId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_tokens.TryGetValue(appId, out var token) ? token : null);

    public ValueTask SetAsync(string appId, WeChatAccessToken token, CancellationToken cancellationToken)
    {
        _tokens[appId] = token;
        return ValueTask.CompletedTask;
    }

    // One process: the provider's own semaphore is the whole lock.
    public ValueTask<IAsyncDisposable> LockRefreshAsync(string appId, CancellationToken cancellationToken) => ValueTask.FromResult<IAsyncDisposable>(NoLock.Instance);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
