using System.Net;
using CitizenBot.Bot.Tests.Hosting;

namespace CitizenBot.Bot.Tests.Security;

/// <summary>Behind the reverse proxy docs/operations.md asks for, clients are told apart by the address the proxy forwards.</summary>
[Trait("Category", "Security")]
public sealed class ReverseProxyTests
{
    private static readonly Dictionary<string, string?> BehindProxy = new() { ["Proxy:KnownProxies:0"] = "127.0.0.1" };

    [Fact]
    public async Task WebChatToken_TwoClientsBehindAConfiguredProxy_GetSeparateLimits()
    {
        await using var bot = new BotServer(settings: BehindProxy);
        using var http = bot.CreateHttpClient();

        var first = await IssueTokensAsync(http, "203.0.113.10", 21);
        var second = await IssueTokensAsync(http, "198.51.100.20", 1);

        Assert.Equal(20, first.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, first[^1]);
        Assert.Equal([HttpStatusCode.OK], second);
    }

    [Fact]
    public async Task WebChatToken_ForwardedHeadersWithoutAConfiguredProxy_AreIgnored()
    {
        await using var bot = new BotServer();
        using var http = bot.CreateHttpClient();

        await IssueTokensAsync(http, "203.0.113.10", 20);
        var spoofed = await IssueTokensAsync(http, "198.51.100.20", 1);

        Assert.Equal([HttpStatusCode.TooManyRequests], spoofed);
    }

    [Fact]
    public async Task MediationSessions_FromANonLoopbackClientWithoutCredentials_Is403Not500()
    {
        await using var bot = new BotServer(settings: BehindProxy);
        using var http = bot.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ops/mediation/sessions");
        request.Headers.Add("X-Forwarded-For", "203.0.113.10");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OpsLogin_RepeatedWrongPasswords_LockTheAddressOutEvenForTheRightOne()
    {
        await using var bot = new BotServer(settings: new Dictionary<string, string?>(BehindProxy) { ["Ops:User"] = "ops", ["Ops:Password"] = "right-password-123" });
        using var http = bot.CreateHttpClient();

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            wrong.Add(await SessionsAsync(http, "203.0.113.10", "ops:wrong-" + i));
        }

        var lockedOut = await SessionsAsync(http, "203.0.113.10", "ops:right-password-123");
        var otherAddress = await SessionsAsync(http, "198.51.100.20", "ops:right-password-123");

        Assert.All(wrong, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.Forbidden, lockedOut);
        Assert.Equal(HttpStatusCode.OK, otherAddress);
    }

    private static async Task<HttpStatusCode> SessionsAsync(HttpClient http, string client, string credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ops/mediation/sessions");
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<List<HttpStatusCode>> IssueTokensAsync(HttpClient http, string client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token");
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
