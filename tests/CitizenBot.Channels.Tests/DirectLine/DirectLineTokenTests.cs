using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Channels.Tests.DirectLine;

[Trait("Category", "Security")]
public sealed class DirectLineTokenTests
{
    [Fact]
    public async Task GenerateToken_WithSecret_ReturnsTokenBoundToRequestedUser()
    {
        await using var server = await DirectLineTestServer.StartAsync();

        using var response = await server.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineTestServer.Secret, DirectLineTestServer.Json("""{"user":{"id":"dl_alice","name":"阿丽"}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await DirectLineTestServer.ReadJsonAsync(response);
        var token = (string)body["token"]!;
        Assert.False(string.IsNullOrEmpty((string)body["conversationId"]!));
        Assert.Equal(3600, (int)body["expires_in"]!);

        // Web Chat reads the user id from the JWT's "user" claim; the payload is the token's middle part.
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(PadBase64(token.Split('.')[1])));
        Assert.Contains("\"user\":\"dl_alice\"", payload, StringComparison.Ordinal);
        Assert.Contains($"\"conv\":\"{(string)body["conversationId"]!}\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateToken_WithToken_Returns403()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (_, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, "/tokens/generate", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GenerateToken_WithoutAuthorization_Returns401WithErrorBody()
    {
        await using var server = await DirectLineTestServer.StartAsync();

        using var response = await server.SendAsync(HttpMethod.Post, "/tokens/generate", bearer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", (string)(await DirectLineTestServer.ReadJsonAsync(response))["error"]!["code"]!);
    }

    [Fact]
    public async Task StartConversation_WithGeneratedToken_Creates201ThenReturns200ForSameConversation()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        using var generated = await server.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineTestServer.Secret, DirectLineTestServer.Json("""{"user":{"id":"dl_bob"}}"""));
        var grant = await DirectLineTestServer.ReadJsonAsync(generated);
        var token = (string)grant["token"]!;

        // DirectLineJS posts its own user id in the body; the token's user must win.
        using var first = await server.SendAsync(HttpMethod.Post, "/conversations", token, DirectLineTestServer.Json("""{"user":{"id":"r_pretender"},"locale":"zh-CN"}"""));
        using var second = await server.SendAsync(HttpMethod.Post, "/conversations", token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = await DirectLineTestServer.ReadJsonAsync(first);
        Assert.Equal((string)grant["conversationId"]!, (string)body["conversationId"]!);
        var streamUrl = (string)body["streamUrl"]!;
        Assert.StartsWith($"ws://{new Uri(server.BaseUrl).Authority}/v3/directline/conversations/{(string)body["conversationId"]!}/stream?watermark=0&t=", streamUrl, StringComparison.Ordinal);

        await server.IdleAsync();
        var joined = Assert.Single(server.Bot.Received);
        Assert.Equal("conversationUpdate", joined.Type);
        Assert.Equal("dl_bob", Assert.Single(joined.MembersAdded!).Id);
        Assert.Equal("zh-CN", joined.Locale);
    }

    [Fact]
    public async Task Reconnect_GeneratedTokenNeverStarted_BotGreetsOnceAndNewTokenCarriesNoStartMark()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        using var generated = await server.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineTestServer.Secret, DirectLineTestServer.Json("""{"user":{"id":"dl_carol"}}"""));
        var grant = await DirectLineTestServer.ReadJsonAsync(generated);
        var conversationId = (string)grant["conversationId"]!;

        // DirectLineJS given a conversationId (as our page does on resume) reconnects instead of starting.
        using var first = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}?watermark=", (string)grant["token"]!);
        var handedOut = (string)(await DirectLineTestServer.ReadJsonAsync(first))["token"]!;
        using var second = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}?watermark=", (string)grant["token"]!);
        await server.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var joined = Assert.Single(server.Bot.Received);
        Assert.Equal("conversationUpdate", joined.Type);
        Assert.Equal("dl_carol", joined.MembersAdded!.Single().Id);
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(PadBase64(handedOut.Split('.')[1])));
        Assert.DoesNotContain("unstarted", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshToken_ValidToken_ReturnsNewTokenForSameConversation()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await DirectLineTestServer.StartAsync(time: time);
        var (conversationId, token, _) = await server.StartConversationAsync();
        time.Advance(TimeSpan.FromMinutes(15));

        using var response = await server.SendAsync(HttpMethod.Post, "/tokens/refresh", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await DirectLineTestServer.ReadJsonAsync(response);
        var refreshed = (string)body["token"]!;
        Assert.NotEqual(token, refreshed);
        Assert.Equal(conversationId, (string)body["conversationId"]!);

        // Past the old token's hour, only the refreshed one still works.
        time.Advance(TimeSpan.FromMinutes(50));
        using var withOld = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", token);
        using var withNew = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", refreshed);
        Assert.Equal(HttpStatusCode.Forbidden, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Fact]
    public async Task RefreshToken_WithSecret_Returns403()
    {
        await using var server = await DirectLineTestServer.StartAsync();

        using var response = await server.SendAsync(HttpMethod.Post, "/tokens/refresh", DirectLineTestServer.Secret);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PostActivity_ExpiredToken_Returns403TokenExpired()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await DirectLineTestServer.StartAsync(time: time);
        var (conversationId, token, _) = await server.StartConversationAsync();
        time.Advance(TimeSpan.FromMinutes(60));

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, DirectLineTestServer.Json("""{"type":"message","text":"还在吗"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("TokenExpired", (string)(await DirectLineTestServer.ReadJsonAsync(response))["error"]!["code"]!);
    }

    [Fact]
    public async Task PostActivity_ForgedToken_Returns403()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();
        await using var other = await DirectLineTestServer.StartAsync();
        using var foreign = await other.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineTestServer.Secret);
        var otherToken = (string)(await DirectLineTestServer.ReadJsonAsync(foreign))["token"]!;

        // Same claims signed with another key, and a payload swapped under a genuine signature.
        var parts = token.Split('.');
        var forgedPayload = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"iss":"citizenbot-directline","conv":"{{conversationId}}","user":"r_attacker","exp":4102444800}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string[] forgeries = [otherToken, $"{parts[0]}.{forgedPayload}.{parts[2]}", $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}", "not-a-token"];

        foreach (var forged in forgeries)
        {
            using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", forged, DirectLineTestServer.Json("""{"type":"message","text":"hi"}"""));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.DoesNotContain(server.Bot.Received, a => a.IsMessage);
    }

    [Fact]
    public async Task PostActivity_TokenOfAnotherConversation_Returns403()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (aliceConversation, _, _) = await server.StartConversationAsync("r_alice");
        var (_, bobToken, _) = await server.StartConversationAsync("r_bob");

        using var post = await server.SendAsync(HttpMethod.Post, $"/conversations/{aliceConversation}/activities", bobToken, DirectLineTestServer.Json("""{"type":"message","text":"偷看"}"""));
        using var poll = await server.SendAsync(HttpMethod.Get, $"/conversations/{aliceConversation}/activities", bobToken);
        using var reconnect = await server.SendAsync(HttpMethod.Get, $"/conversations/{aliceConversation}", bobToken);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, poll.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
    }

    [Fact]
    public async Task PostActivity_UnknownConversationWithSecret_Returns404()
    {
        await using var server = await DirectLineTestServer.StartAsync();

        using var response = await server.SendAsync(HttpMethod.Post, "/conversations/nosuchconversation/activities", DirectLineTestServer.Secret, DirectLineTestServer.Json("""{"type":"message","text":"hi"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (string)(await DirectLineTestServer.ReadJsonAsync(response))["error"]!["code"]!);
    }

    [Fact]
    public async Task Reconnect_ValidToken_ReturnsFreshStreamUrlWithWatermark()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}?watermark=3", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await DirectLineTestServer.ReadJsonAsync(response);
        Assert.Contains("/stream?watermark=3&t=", (string)body["streamUrl"]!, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string)body["token"]!));
    }

    private static string PadBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
