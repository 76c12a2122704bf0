using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.Channels.Tests.DirectLine;

/// <summary>What one token, one client or one conversation can and cannot make the server do.</summary>
[Trait("Category", "Security")]
public sealed class DirectLineLimitsTests
{
    private static string Message(string text, string? clientActivityId = null) =>
        new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["channelData"] = clientActivityId is null ? null : new JsonObject { ["clientActivityID"] = clientActivityId },
        }.ToJsonString();

    [Fact]
    public async Task PostActivity_ResentWithTheSameClientActivityId_AnsweredWithTheFirstIdAndRunOnce()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();

        var first = await server.PostActivityAsync(conversationId, token, Message("消防通道被堵了", "resend-1"));
        var again = await server.PostActivityAsync(conversationId, token, Message("消防通道被堵了", "resend-1"));
        var other = await server.PostActivityAsync(conversationId, token, Message("消防通道被堵了", "resend-2"));
        await server.IdleAsync();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(2, server.Bot.Received.Count(a => a.IsMessage));
        var log = await server.PollUntilAsync(conversationId, token, seen => seen.Count(a => ((string?)a["text"])?.StartsWith("你说", StringComparison.Ordinal) == true) == 2);
        Assert.Equal(2, log.Count(a => (string?)a["text"] == "消防通道被堵了"));
    }

    [Fact]
    public async Task PostActivity_TextLongerThanTheLimit_Returns413AndTellsTheCitizen()
    {
        await using var server = await DirectLineTestServer.StartAsync(o =>
        {
            o.MaxActivityTextLength = 100;
            o.MessageTooLongText = "这条消息太长了";
        });
        var (conversationId, token, _) = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, DirectLineTestServer.Json(Message(new string('长', 101))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["text"] == "这条消息太长了"));
        Assert.DoesNotContain(server.Bot.Received, a => a.IsMessage);
    }

    [Fact]
    public async Task PostActivity_MoreThanTheConversationsAllowance_Returns429WithRetryAfterAndOneLineToTheCitizen()
    {
        await using var server = await DirectLineTestServer.StartAsync(o =>
        {
            o.MaxActivitiesPerConversationPerMinute = 3;
            o.TooManyMessagesText = "您发送得太快了";
        });
        var (conversationId, token, _) = await server.StartConversationAsync();

        var statuses = new List<HttpStatusCode>();
        TimeSpan? retryAfter = null;
        for (var i = 0; i < 6; i++)
        {
            using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, DirectLineTestServer.Json(Message("第" + i)));
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.Delta;
        }

        await server.IdleAsync();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(3, server.Bot.Received.Count(a => a.IsMessage));
        var log = await server.PollUntilAsync(conversationId, token, seen => seen.Any(a => (string?)a["text"] == "您发送得太快了"));
        Assert.Single(log, a => (string?)a["text"] == "您发送得太快了");
    }

    [Fact]
    public async Task PostActivity_BeyondTheAllowance_IsAnsweredOnlyAfterTheRefusalDelay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await DirectLineTestServer.StartAsync(
            o =>
            {
                o.MaxActivitiesPerConversationPerMinute = 1;
                o.RefusalDelay = TimeSpan.FromSeconds(2);
            },
            time);
        var (conversationId, token, _) = await server.StartConversationAsync();
        await server.PostActivityAsync(conversationId, token, Message("第一条"));
        var started = time.GetUtcNow();

        // The server's clock moves only when the test moves it: the refusal comes once two seconds of it have passed.
        var refused = server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, DirectLineTestServer.Json(Message("第二条")));
        while (!refused.IsCompleted)
        {
            await Task.WhenAny(refused, Task.Delay(20));
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        using var response = await refused;
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(time.GetUtcNow() - started >= TimeSpan.FromSeconds(2), $"answered after {time.GetUtcNow() - started}");
    }

    [Fact]
    public async Task PostActivity_OneClientOverManyConversations_IsLimitedAsOneClient()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxActivitiesPerClientPerMinute = 4);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var (conversationId, token, _) = await server.StartConversationAsync("r_" + i);
            for (var j = 0; j < 2; j++)
            {
                using var response = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, DirectLineTestServer.Json(Message("hi")));
                statuses.Add(response.StatusCode);
            }
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task ActivityLog_LongerThanTheCap_DropsTheOldestAndWatermarksKeepCounting()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxLogEntries = 20);
        var (conversationId, token, _) = await server.StartConversationAsync();
        for (var i = 0; i < 15; i++)
        {
            await server.PostActivityAsync(conversationId, token, Message("第" + i + "条"));
        }

        await server.IdleAsync();
        using var response = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", token);
        var set = await DirectLineTestServer.ReadJsonAsync(response);

        var texts = set["activities"]!.AsArray().Select(a => (string?)a!["text"]).ToList();
        Assert.Equal(20, texts.Count);
        Assert.DoesNotContain("第0条", texts);
        Assert.Contains("第14条", texts);
        Assert.Equal("31", (string)set["watermark"]!); // greeting + 15 messages + 15 replies
    }

    [Fact]
    public async Task ActivityLogs_TogetherPastTheMemoryBudget_TheLongestIdleConversationLosesItsOldestEntriesFirst()
    {
        const long Budget = 1024 * 1024;
        await using var server = await DirectLineTestServer.StartAsync(o =>
        {
            o.MaxTotalLogBytes = Budget;
            o.MaxActivitiesPerConversationPerMinute = 1000;
            o.MaxActivitiesPerClientPerMinute = 1000;
        });
        var (idleId, idleToken, _) = await server.StartConversationAsync("r_idle");
        var (busyId, busyToken, _) = await server.StartConversationAsync("r_busy");
        var page = new string('x', 8000);
        for (var i = 0; i < 5; i++)
        {
            await server.PostActivityAsync(idleId, idleToken, Message($"早先的第{i}条 {page}"));
        }

        await server.IdleAsync();

        // Each message and its echo take some 33 KB: 40 of them are past the budget; every one is still taken.
        for (var i = 0; i < 40; i++)
        {
            await server.PostActivityAsync(busyId, busyToken, Message($"新的第{i}条 {page}"));
        }

        await server.IdleAsync();
        var store = (InMemoryDirectLineConversationStore)server.Services.GetRequiredService<IDirectLineConversationStore>();
        Assert.InRange(store.TotalBytes, 1, Budget);
        var idle = await ReadLogAsync(server, idleId, idleToken);
        Assert.DoesNotContain(idle.Texts, t => t?.StartsWith("早先的第0条", StringComparison.Ordinal) == true);
        Assert.Single(idle.Texts); // its newest entry (the answer to its last message) stays
        Assert.Equal("11", idle.Watermark); // greeting + 5 messages + 5 replies: still counted
        var busy = await ReadLogAsync(server, busyId, busyToken);
        Assert.Contains(busy.Texts, t => t?.StartsWith("新的第39条", StringComparison.Ordinal) == true);
    }

    private static async Task<(List<string?> Texts, string Watermark)> ReadLogAsync(DirectLineTestServer server, string conversationId, string token)
    {
        using var response = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", token);
        var set = await DirectLineTestServer.ReadJsonAsync(response);
        return (set["activities"]!.AsArray().Select(a => (string?)a!["text"]).ToList(), (string)set["watermark"]!);
    }

    [Fact]
    public async Task Erase_DuringATurn_EmptiesTheLogDeletesUploadsRevokesTokensAndTellsThePage()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var (conversationId, token, _) = await server.StartConversationAsync();
        await server.PostActivityAsync(conversationId, token, Message("我叫张三，电话13800138000"));
        using (var upload = new MultipartFormDataContent())
        {
            var activity = new StringContent("""{"type":"message","attachments":[{"contentType":"image/jpeg"}]}""", Encoding.UTF8, "application/vnd.microsoft.activity");
            upload.Add(activity, "activity", "blob");
            upload.Add(new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. "JFIF"u8, 0, 1, 2, 3]), "file", "a.jpg");
            using var uploaded = await server.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/upload", token, upload);
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        }

        await server.IdleAsync();
        Assert.NotEmpty(server.StoredFiles());
        var eraser = server.Services.GetServices<IChannelConversationEraser>().Single(e => e.ChannelId == "directline");
        server.Bot.OnMessage = activity => activity.Text == "是" ? eraser.EraseAsync(conversationId, CancellationToken.None) : Task.CompletedTask;
        var stream = await ReadUntilErasedEventAsync(server, conversationId, token);

        await server.PostActivityAsync(conversationId, token, Message("是"));
        var streamed = await stream;
        await server.IdleAsync();

        Assert.Empty(server.StoredFiles());
        using var read = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", token);
        using var refresh = await server.SendAsync(HttpMethod.Post, "/tokens/refresh", token);
        using var reconnect = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}", token);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);

        // With the secret (as an operator would look): nothing the citizen said is left, only the bot's confirmation.
        using var asOperator = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", DirectLineTestServer.Secret);
        var left = (await DirectLineTestServer.ReadJsonAsync(asOperator))["activities"]!.AsArray().Select(a => a!.ToJsonString()).ToList();
        Assert.DoesNotContain(left, a => a.Contains("13800138000", StringComparison.Ordinal) || a.Contains("\"text\":\"是\"", StringComparison.Ordinal));
        Assert.Contains(left, a => a.Contains("citizenbot/conversationErased", StringComparison.Ordinal));
        Assert.Contains(streamed, a => a.Contains("citizenbot/conversationErased", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refresh_PastTheMaximumAge_IsRefusedAndCannotBeExtended()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await DirectLineTestServer.StartAsync(o => o.TokenMaxAge = TimeSpan.FromHours(2), time);
        var (_, token, _) = await server.StartConversationAsync();

        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromMinutes(30));
            using var refreshed = await server.SendAsync(HttpMethod.Post, "/tokens/refresh", token);
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
            token = (string)(await DirectLineTestServer.ReadJsonAsync(refreshed))["token"]!;
        }

        // 2 h after the first token: whatever was refreshed in between is over, and cannot be refreshed again.
        time.Advance(TimeSpan.FromMinutes(30));
        using var late = await server.SendAsync(HttpMethod.Post, "/tokens/refresh", token);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
    }

    [Fact]
    public async Task Token_NotYetValid_IsRefused()
    {
        var key = DirectLineTestServer.NewSigningKey();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await DirectLineTestServer.StartAsync(time: time, signingKey: key);
        var (conversationId, _, _) = await server.StartConversationAsync("r_future");
        var future = time.GetUtcNow().AddHours(1).UtcDateTime;
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "citizenbot-directline",
            IssuedAt = future,
            NotBefore = future,
            Expires = future.AddHours(1),
            Claims = new Dictionary<string, object> { ["conv"] = conversationId, ["user"] = "r_future" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });

        using var response = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<Task<List<string>>> ReadUntilErasedEventAsync(DirectLineTestServer server, string conversationId, string token)
    {
        using var reconnect = await server.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}?watermark=0", token);
        var streamUrl = (string)(await DirectLineTestServer.ReadJsonAsync(reconnect))["streamUrl"]!;
        var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        return Task.Run(async () =>
        {
            var frames = new List<string>();
            var buffer = new byte[64 * 1024];
            using (socket)
            {
                while (!frames.Any(f => f.Contains("citizenbot/conversationErased", StringComparison.Ordinal)))
                {
                    var text = new StringBuilder();
                    System.Net.WebSockets.WebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                        text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                    }
                    while (!result.EndOfMessage);
                    frames.Add(text.ToString());
                }
            }

            return frames;
        });
    }
}
