using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.Bot.Tests.Hosting;

namespace CitizenBot.Bot.Tests.BotApi;

/// <summary><c>POST /api/messages</c> with <c>expectReplies</c>, and every way a caller can get it wrong.</summary>
[Trait("Category", "Integration")]
public sealed class BotFrameworkEndpointTests : IAsyncLifetime
{
    private BotServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new BotServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Post_ExpectReplies_ReturnsTheTurnsRepliesInTheBody()
    {
        using var response = await PostAsync(Activity("你好", "m1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var activities = (await ReadAsync(response))["activities"]!.AsArray();
        var reply = Assert.Single(activities)!;
        Assert.Contains("您好", (string)reply["text"]!, StringComparison.Ordinal);
        Assert.Equal("bot", (string)reply["from"]!["role"]!);
        Assert.Equal("u1", (string)reply["recipient"]!["id"]!);
        Assert.Equal("m1", (string)reply["replyToId"]!);
    }

    [Fact]
    public async Task Post_SameIdTwice_SecondGetsTheFirstRepliesWithoutRunningAgain()
    {
        using var first = await PostAsync(Activity("帮助", "dup"));
        using var second = await PostAsync(Activity("帮助", "dup"));

        Assert.Equal((await ReadAsync(first)).ToJsonString(), (await ReadAsync(second)).ToJsonString());
    }

    [Fact]
    public async Task Post_WithoutKey_Unauthorized()
    {
        using var response = await PostAsync(Activity("你好", "m1"), key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_WrongKey_Unauthorized()
    {
        using var response = await PostAsync(Activity("你好", "m1"), key: BotServer.ApiKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_NoKeyConfigured_EndpointIsOff()
    {
        await using var server = new BotServer(settings: new Dictionary<string, string?> { ["BotApi:Key"] = "" });
        using var http = server.CreateHttpClient();

        using var response = await http.PostAsync(new Uri("/api/messages", UriKind.Relative), Json(Activity("你好", "m1")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_MalformedJson_BadRequestWithDirectLineStyleError()
    {
        using var response = await PostAsync("{\"type\": \"message\", ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", (string)(await ReadAsync(response))["error"]!["code"]!);
    }

    [Fact]
    public async Task Post_MissingConversation_BadRequest()
    {
        using var response = await PostAsync("""{"type":"message","deliveryMode":"expectReplies","from":{"id":"u1"},"text":"hi"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_NormalDeliveryMode_BadRequestSayingWhatIsSupported()
    {
        using var response = await PostAsync(Activity("你好", "m1").Replace("expectReplies", "normal", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expectReplies", (string)(await ReadAsync(response))["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OversizeBody_PayloadTooLarge()
    {
        var huge = Activity(new string('长', 200_000), "m1");

        using var response = await PostAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static string Activity(string text, string id) =>
        new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["deliveryMode"] = "expectReplies",
            ["conversation"] = new JsonObject { ["id"] = "conv-1" },
            ["from"] = new JsonObject { ["id"] = "u1" },
            ["text"] = text,
        }.ToJsonString();

    private async Task<HttpResponseMessage> PostAsync(string body, string? key = BotServer.ApiKey)
    {
        using var http = _server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Json(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await http.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
