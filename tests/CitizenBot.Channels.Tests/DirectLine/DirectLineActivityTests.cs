using System.Net;
using System.Text.Json.Nodes;
using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Channels.Tests.DirectLine;

public sealed class DirectLineActivityTests
{
    private const string WebChatMessage = """
        {"type":"message","text":"楼道里堆满了杂物","textFormat":"plain","locale":"zh-CN",
         "from":{"id":"r_someone_else","name":"小王","role":"user"},
         "channelData":{"clientActivityID":"1700000000000abcde","attachmentSizes":[],"nested":{"a":[1,2.5,"三"]}},
         "entities":[{"type":"ClientCapabilities","requiresBotState":true}]}
        """;

    [Fact]
    public async Task PostActivity_Message_EchoesWithServerFieldsThenBotReplies()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await DirectLineTestServer.StartAsync(time: time);
        var (conversationId, token, _) = await server.StartConversationAsync("r_tester");

        var id = await server.PostActivityAsync(conversationId, token, WebChatMessage);
        await server.IdleAsync();
        var activities = await server.PollUntilAsync(conversationId, token, seen => seen.Count >= 3);

        Assert.Equal(FakeBot.Greeting, (string)activities[0]["text"]!);
        Assert.Null(activities[0]["replyToId"]);
        var echo = activities[1];
        Assert.Equal(id, (string)echo["id"]!);
        Assert.Equal("directline", (string)echo["channelId"]!);
        Assert.Equal(conversationId, (string)echo["conversation"]!["id"]!);
        Assert.Equal("r_tester", (string)echo["from"]!["id"]!);
        Assert.Equal("user", (string)echo["from"]!["role"]!);
        // One server clock, strictly increasing per conversation: greeting, echo, reply.
        Assert.Equal(time.GetUtcNow(), Timestamp(activities[0]));
        Assert.Equal(time.GetUtcNow().AddMilliseconds(1), Timestamp(echo));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WebChatMessage)!["channelData"], echo["channelData"]));

        var reply = activities[2];
        Assert.Equal("你说：楼道里堆满了杂物", (string)reply["text"]!);
        Assert.Equal("bot", (string)reply["from"]!["role"]!);
        Assert.Equal(id, (string)reply["replyToId"]!);
        Assert.NotEqual(id, (string)reply["id"]!);
        Assert.Equal(time.GetUtcNow().AddMilliseconds(2), Timestamp(reply));
        Assert.DoesNotContain("null", reply.ToJsonString(), StringComparison.Ordinal);

        // The bot dedups by the id it is handed: the client's own, which a resend repeats.
        var forwarded = server.Bot.Received.Single(a => a.IsMessage);
        Assert.Equal("client:1700000000000abcde", forwarded.Id);
        Assert.Equal("r_tester", forwarded.From!.Id);
        Assert.Equal("1700000000000abcde", forwarded.ClientActivityId);
    }

    [Fact]
    public async Task PostActivity_BotFails_CitizenGetsConfiguredApology()
    {
        const string Apology = "系统维护中，请稍后再发。";
        await using var server = await DirectLineTestServer.StartAsync(o => o.TurnFailedText = Apology);
        server.Bot.Fails = true;
        var (conversationId, token, _) = await server.StartConversationAsync("r_tester");

        await server.PostActivityAsync(conversationId, token, WebChatMessage);
        await server.IdleAsync();
        var activities = await server.PollUntilAsync(conversationId, token, seen => seen.Count >= 3);

        Assert.Equal(Apology, (string)activities[2]["text"]!);
        Assert.Equal("bot", (string)activities[2]["from"]!["role"]!);
    }

    [Fact]
    public async Task PostActivity_TypingAndEvent_BothEchoedOnlyEventForwarded()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();

        var typingId = await server.PostActivityAsync(conversationId, token, """{"type":"typing","channelData":{"clientActivityID":"t1"}}""");
        var eventId = await server.PostActivityAsync(conversationId, token, """{"type":"event","name":"webchat/location","value":{"latitude":30.1,"longitude":120.2},"channelData":{"clientActivityID":"e1"}}""");
        await server.IdleAsync();

        var activities = await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["id"] == eventId));
        Assert.Contains(activities, a => (string?)a["id"] == typingId && (string?)a["channelData"]!["clientActivityID"] == "t1");
        Assert.DoesNotContain(server.Bot.Received, a => a.Type == "typing");
        var forwardedEvent = Assert.Single(server.Bot.Received, a => a.Type == "event");
        Assert.Equal("client:e1", forwardedEvent.Id);
        Assert.Equal("webchat/location", forwardedEvent.Name);
    }

    [Fact]
    public async Task PostActivity_MalformedJson_Returns400BadArgument()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, DirectLineTestServer.Json("""{"type":"message","text":"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", (string)(await DirectLineTestServer.ReadJsonAsync(response))["error"]!["code"]!);
    }

    [Fact]
    public async Task PostActivity_MissingType_Returns400MissingProperty()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, DirectLineTestServer.Json("""{"text":"没有类型"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MissingProperty", (string)(await DirectLineTestServer.ReadJsonAsync(response))["error"]!["code"]!);
    }

    [Fact]
    public async Task PostActivity_LargerThanLimit_Returns413AndLogsNothing()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxActivityBytes = 4096);
        var (conversationId, token, _) = await server.StartConversationAsync();
        await server.IdleAsync();
        var big = $$"""{"type":"message","text":"{{new string('字', 3000)}}"}""";

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, DirectLineTestServer.Json(big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("MessageSizeTooBig", (string)(await DirectLineTestServer.ReadJsonAsync(response))["error"]!["code"]!);
        Assert.DoesNotContain(server.Bot.Received, a => a.IsMessage);
    }

    [Fact]
    public async Task GetActivities_NothingNew_ReturnsEmptyArrayAndSameWatermark()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.LongPollTimeout = TimeSpan.FromMilliseconds(50));
        var (conversationId, token, _) = await server.StartConversationAsync();
        await server.IdleAsync();
        await server.PollUntilAsync(conversationId, token, seen => seen.Count == 1);

        using var response = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities?watermark=1", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"activities":[],"watermark":"1"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostActivity_BotSlowerThanTypingDelay_AppendsTypingBeforeReply()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.TypingDelay = TimeSpan.FromMilliseconds(20));
        var (conversationId, token, _) = await server.StartConversationAsync();
        await server.IdleAsync();
        server.Bot.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var id = await server.PostActivityAsync(conversationId, token, """{"type":"message","text":"查一下进度"}""");
        var beforeReply = await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["type"] == "typing"));
        server.Bot.Gate.SetResult();
        var all = await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["text"] == "你说：查一下进度"));

        var typing = beforeReply.Single(a => (string?)a["type"] == "typing");
        Assert.Equal("bot", (string)typing["from"]!["role"]!);
        Assert.Null(typing["text"]);
        Assert.Equal(id, (string)typing["replyToId"]!);
        Assert.DoesNotContain(beforeReply, a => (string?)a["text"] == "你说：查一下进度");
        Assert.True(all.FindIndex(a => (string?)a["type"] == "typing") < all.FindIndex(a => (string?)a["text"] == "你说：查一下进度"));
    }

    [Fact]
    public async Task PostActivity_BotFasterThanTypingDelay_NoTyping()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.TypingDelay = TimeSpan.FromSeconds(30));
        var (conversationId, token, _) = await server.StartConversationAsync();

        await server.PostActivityAsync(conversationId, token, """{"type":"message","text":"你好"}""");
        await server.IdleAsync();
        var all = await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["text"] == "你说：你好"));

        Assert.DoesNotContain(all, a => (string?)a["type"] == "typing");
    }

    [Fact]
    public async Task PostActivity_AfterRestartWithValidToken_ConversationContinues()
    {
        var key = DirectLineTestServer.NewSigningKey();
        string conversationId, token;
        await using (var before = await DirectLineTestServer.StartAsync(signingKey: key))
        {
            (conversationId, token, _) = await before.StartConversationAsync("r_loyal");
            await before.PostActivityAsync(conversationId, token, """{"type":"message","text":"第一句"}""");
            await before.IdleAsync();
            await before.PollUntilAsync(conversationId, token, seen => seen.Count == 3);
        }

        await using var after = await DirectLineTestServer.StartAsync(signingKey: key);
        var id = await after.PostActivityAsync(conversationId, token, """{"type":"message","text":"第二句"}""");
        await after.IdleAsync();

        // The client still holds watermark 3 from before the restart; the recreated log must not hide the new entries.
        using var poll = await after.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities?watermark=3", token);
        var set = await DirectLineTestServer.ReadJsonAsync(poll);
        var activities = set["activities"]!.AsArray();
        Assert.Equal(id, (string)activities[0]!["id"]!);
        Assert.Equal("你说：第二句", (string)activities[1]!["text"]!);
        Assert.Equal("2", (string)set["watermark"]!);
        Assert.Equal("r_loyal", after.Bot.Received.Single().From!.Id);
        Assert.DoesNotContain(after.Bot.Received, a => a.Type == "conversationUpdate");
    }

    [Fact]
    public async Task SendAsync_ProactiveMessageToKnownConversation_ReachesClient()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync("r_citizen");
        var sender = server.Services.GetServices<Turns.IChannelSender>().Single(s => s.ChannelId == "directline");

        await sender.SendAsync(new Activities.ConversationReference("directline", conversationId, "r_citizen"), [Activities.Activity.CreateMessage("您的工单已办结")], CancellationToken.None);

        var all = await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["text"] == "您的工单已办结"));
        var notice = all.Single(a => (string?)a["text"] == "您的工单已办结");
        Assert.Equal("bot", (string)notice["from"]!["role"]!);
        Assert.Equal("r_citizen", (string)notice["recipient"]!["id"]!);
    }

    [Fact]
    public async Task StopAsync_TurnStillRunning_WaitsForItsReply()
    {
        var server = await DirectLineTestServer.StartAsync(o => o.TypingDelay = TimeSpan.Zero);
        var (conversationId, token, _) = await server.StartConversationAsync();
        await server.IdleAsync();
        server.Bot.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await server.PostActivityAsync(conversationId, token, """{"type":"message","text":"慢慢来"}""");
        var store = server.Services.GetRequiredService<IDirectLineConversationStore>();

        var stopping = server.DisposeAsync().AsTask();
        Assert.False(stopping.IsCompleted);
        server.Bot.Gate.SetResult();
        await stopping;

        var page = await store.ReadAsync(conversationId, 0, CancellationToken.None);
        Assert.Contains(page.Activities, json => json.Contains("你说：慢慢来", StringComparison.Ordinal));
    }

    private static DateTimeOffset Timestamp(JsonNode activity) =>
        DateTimeOffset.Parse((string)activity["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
}
