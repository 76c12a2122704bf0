using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CitizenBot.Channels.Tests.DirectLine;

public sealed class DirectLineStreamTests
{
    [Fact]
    public async Task Stream_FromWatermarkZero_ReplaysEverythingInOrderThenPushesLive()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, body) = await server.StartConversationAsync();
        // The greeting is the bot's answer to the conversation's start, written by a turn of its own: wait for it, as a
        // citizen reads it before typing (otherwise a loaded machine may put "一" before it).
        await server.IdleAsync();
        var firstId = await server.PostActivityAsync(conversationId, token, """{"type":"message","text":"一"}""");
        await server.IdleAsync();
        var secondId = await server.PostActivityAsync(conversationId, token, """{"type":"message","text":"二"}""");
        await server.IdleAsync();

        using var socket = await ConnectAsync((string)body["streamUrl"]!);
        var replayed = await ReceiveActivitiesAsync(socket, count: 5);
        var liveId = await server.PostActivityAsync(conversationId, token, """{"type":"message","text":"三"}""");
        var live = await ReceiveActivitiesAsync(socket, count: 2);

        Assert.Equal([FakeBot.Greeting, "一", "你说：一", "二", "你说：二"], replayed.Activities.Select(a => (string?)a["text"]));
        Assert.Equal(firstId, (string)replayed.Activities[1]["id"]!);
        Assert.Equal(secondId, (string)replayed.Activities[3]["id"]!);
        Assert.Equal([liveId, null], live.Activities.Select(a => a["replyToId"] is null ? (string?)a["id"] : null));
        Assert.Equal("你说：三", (string)live.Activities[1]["text"]!);
        Assert.Equal("7", live.Watermark);
    }

    [Fact]
    public async Task Stream_ReconnectWithWatermark_ReplaysOnlyWhatFollows()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();
        await server.PostActivityAsync(conversationId, token, """{"type":"message","text":"一"}""");
        await server.IdleAsync();

        using var reconnect = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}?watermark=2", token);
        var streamUrl = (string)(await DirectLineTestServer.ReadJsonAsync(reconnect))["streamUrl"]!;
        using var socket = await ConnectAsync(streamUrl);
        var replayed = await ReceiveActivitiesAsync(socket, count: 1);

        Assert.Equal("你说：一", (string)replayed.Activities.Single()["text"]!);
        Assert.Equal("3", replayed.Watermark);
    }

    [Fact]
    public async Task Stream_IdleWithInboundPings_SendsEmptyHeartbeatsAndStaysOpen()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(30));
        var (conversationId, token, body) = await server.StartConversationAsync();
        await server.IdleAsync();
        using var socket = await ConnectAsync((string)body["streamUrl"]!);
        await ReceiveActivitiesAsync(socket, count: 1);

        // DirectLineJS pings with "" every 20 s; the server must ignore it.
        await socket.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var heartbeat = await ReceiveFrameAsync(socket);
        await server.PostActivityAsync(conversationId, token, """{"type":"typing"}""");
        var after = await ReceiveActivitiesAsync(socket, count: 1);

        Assert.Equal("", heartbeat);
        Assert.Equal("typing", (string)after.Activities.Single()["type"]!);
    }

    [Fact]
    public async Task Stream_SecondSocket_ClosesFirstWithCollision()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (_, _, body) = await server.StartConversationAsync();
        var streamUrl = (string)body["streamUrl"]!;
        using var first = await ConnectAsync(streamUrl);
        await ReceiveActivitiesAsync(first, count: 1);

        using var second = await ConnectAsync(streamUrl);
        var closed = await ReceiveFrameAsync(first);
        var replayed = await ReceiveActivitiesAsync(second, count: 1);

        Assert.Null(closed);
        Assert.Equal("collision", first.CloseStatusDescription);
        Assert.Equal(FakeBot.Greeting, (string)replayed.Activities.Single()["text"]!);
    }

    [Fact]
    public async Task StopAsync_StreamOpen_ClosesSocketNormally()
    {
        var server = await DirectLineTestServer.StartAsync();
        var (_, _, body) = await server.StartConversationAsync();
        using var socket = await ConnectAsync((string)body["streamUrl"]!);
        await ReceiveActivitiesAsync(socket, count: 1);

        var stopping = server.DisposeAsync().AsTask();
        var closed = await ReceiveFrameAsync(socket);
        await stopping;

        Assert.Null(closed);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task Stream_ForgedTokenInUrl_Rejected403()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, _, _) = await server.StartConversationAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        var error = await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://{new Uri(server.BaseUrl).Authority}/v3/directline/conversations/{conversationId}/stream?t=forged"), CancellationToken.None));

        Assert.NotNull(error);
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    private static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        return socket;
    }

    /// <summary>Reads ActivitySet frames (skipping heartbeats) until <paramref name="count"/> activities have come.</summary>
    private static async Task<(List<JsonNode> Activities, string? Watermark)> ReceiveActivitiesAsync(WebSocket socket, int count)
    {
        var activities = new List<JsonNode>();
        string? watermark = null;
        while (activities.Count < count)
        {
            var frame = await ReceiveFrameAsync(socket) ?? throw new InvalidOperationException("The server closed the stream.");
            if (frame.Length == 0)
            {
                continue;
            }

            var set = JsonNode.Parse(frame)!;
            activities.AddRange(set["activities"]!.AsArray().Select(a => a!));
            watermark = (string?)set["watermark"];
        }

        Assert.Equal(count, activities.Count);
        return (activities, watermark);
    }

    /// <summary>One text frame, or null when the server closed the socket.</summary>
    private static async Task<string?> ReceiveFrameAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            frame.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(frame.ToArray());
    }
}
