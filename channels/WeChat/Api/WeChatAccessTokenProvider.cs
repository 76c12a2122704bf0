using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.WeChat.Api;

/// <summary>
/// The account's access_token from <c>/cgi-bin/stable_token</c> (never the classic endpoint, whose every call
/// invalidates the previous token), cached, with a single refresh in flight.
/// </summary>
internal sealed class WeChatAccessTokenProvider(
    IHttpClientFactory httpClients,
    IWeChatAccessTokenCache cache,
    IOptions<WeChatOptions> options,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var cached = await cache.GetAsync(options.Value.AppId, cancellationToken).ConfigureAwait(false);
        return cached is not null && time.GetUtcNow() < cached.RefreshAt
            ? cached.Value
            : await RefreshAsync(staleToken: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches a new token unless another caller already replaced <paramref name="staleToken"/> while this one waited,
    /// so a burst of 40001 answers costs one refresh.
    /// </summary>
    public async Task<string> RefreshAsync(string? staleToken, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var shared = await cache.LockRefreshAsync(options.Value.AppId, cancellationToken).ConfigureAwait(false);
            var cached = await cache.GetAsync(options.Value.AppId, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (cached is not null && now < cached.ExpiresAt
                && (staleToken is null ? now < cached.RefreshAt : !string.Equals(cached.Value, staleToken, StringComparison.Ordinal)))
            {
                return cached.Value;
            }

            var token = await FetchAsync(cancellationToken).ConfigureAwait(false);
            await cache.SetAsync(options.Value.AppId, token, cancellationToken).ConfigureAwait(false);
            return token.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private async Task<WeChatAccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AppSecret))
        {
            throw new InvalidOperationException("WeChat:AppSecret is not configured; set it from a secret store to call the WeChat API.");
        }

        var http = httpClients.CreateClient(WeChatApiClient.HttpClientName);
        var body = new JsonObject
        {
            ["grant_type"] = "client_credential",
            ["appid"] = settings.AppId,
            ["secret"] = settings.AppSecret,
        };
        using var response = await http.PostAsJsonAsync("/cgi-bin/stable_token", body, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(
            await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        if (WeChatApiClient.ErrorCodeOf(root) != 0 || !root.TryGetProperty("access_token", out var value))
        {
            throw new WeChatApiException(WeChatApiClient.ErrorCodeOf(root), WeChatApiClient.ErrorMessageOf(root), "stable_token");
        }

        var lifetime = TimeSpan.FromSeconds(root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 7200);
        var now = time.GetUtcNow();
        return new WeChatAccessToken(value.GetString()!, now + lifetime, now + (lifetime * 0.8));
    }
}
