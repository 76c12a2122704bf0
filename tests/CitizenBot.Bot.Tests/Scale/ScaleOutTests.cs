using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CitizenBot.Bot.Scale;
using CitizenBot.Bot.Tests.WeChat;
using Npgsql;
using StackExchange.Redis;

namespace CitizenBot.Bot.Tests.Scale;

/// <summary>Scaled out: two bot processes sharing one Redis and one PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class ScaleOutTests(TwoBots bots) : IClassFixture<TwoBots>
{
    /// <summary>The report flow, one message per step, and what the bot asks after each.</summary>
    private static readonly (string Say, string Expect)[] ReportFlow =
    [
        ("事件上报", "请选择要上报的问题类别"),
        ("1", "请拍摄或上传现场照片"),
        ("跳过", "问题在哪里"),
        ("青松社区3号楼门口", "请简单描述一下问题"),
        ("消防通道被电动车堵了", "是否留下联系方式"),
        ("匿名上报", "请核对上报内容"),
        ("是", "工单编号："),
    ];

    [Fact]
    public async Task DirectLine_RequestsAlternateAndSocketOnTheOtherInstance_ReportFlowCompletes()
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "scale-test-directline-secret-0123456789");
        using var started = await bots.A.Http.SendAsync(start);
        started.EnsureSuccessStatusCode();
        var conversation = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = conversation.GetProperty("conversationId").GetString()!;
        var token = conversation.GetProperty("token").GetString()!;
        var streamPath = new Uri(conversation.GetProperty("streamUrl").GetString()!).PathAndQuery;

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{bots.B.BaseUrl.Authority}{streamPath}"), CancellationToken.None);
        var seen = new List<string>();
        for (var i = 0; i < ReportFlow.Length; i++)
        {
            var instance = i % 2 == 0 ? bots.A : bots.B;
            using var post = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{id}/activities")
            {
                Content = JsonContent.Create(new { type = "message", from = new { id = "dl_scale-user" }, text = ReportFlow[i].Say }),
            };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await instance.Http.SendAsync(post)).EnsureSuccessStatusCode();
            await ReadUntilAsync(socket, seen, ReportFlow[i].Expect);
        }

        Assert.Contains(seen, text => text.Contains("工单编号：", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BotApi_TenMessagesOfOneUserToBothInstancesAtOnce_RunOneAtATimeInOrderAndNothingIsLost()
    {
        (string Say, string Expect)[] messages =
        [
            .. ReportFlow,
            ("进度查询", "您最近的1个工单如下"),
            ("帮助", "回复工单前面的序号"),
            ("取消", "好的，已取消"),
        ];
        var conversation = "burst-" + Guid.NewGuid().ToString("N")[..8];
        // Warm both instances first: a cold first request can take longer than the gap between two sends.
        await SendBotApiAsync(bots.A, "warm-" + conversation, "w1", "帮助");
        await SendBotApiAsync(bots.B, "warm-" + conversation, "w2", "帮助");

        // All ten leave at once, alternating instances. Across instances their order is the order they reach the
        // shared lock, so each is sent the moment the previous one is queued there (or running), not later.
        var redis = await ConnectionMultiplexer.ConnectAsync(bots.Redis);
        await using var _ = redis;
        var database = redis.GetDatabase();
        var sends = new List<Task<JsonElement>>();
        for (var i = 0; i < messages.Length; i++)
        {
            sends.Add(SendBotApiAsync(i % 2 == 0 ? bots.A : bots.B, conversation, $"m{i}", messages[i].Say));
            using var arrived = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while ((long)await database.StringGetAsync($"cb:fence:{{api:{conversation}}}") + await database.SortedSetLengthAsync($"cb:lockq:{{api:{conversation}}}") < i + 1)
            {
                await Task.Delay(1, arrived.Token);
            }
        }

        var replies = await Task.WhenAll(sends);
        for (var i = 0; i < messages.Length; i++)
        {
            var texts = replies[i].GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString() ?? "").ToList();
            Assert.True(texts.Any(t => t.Contains(messages[i].Expect, StringComparison.Ordinal)), $"message {i} ({messages[i].Say}) got: {string.Join(" / ", texts)}");
        }

        // Each turn took the lock once (no turn re-ran on a conflict) and saved exactly one version.
        Assert.Equal(10, (long)await database.StringGetAsync($"cb:fence:{{api:{conversation}}}"));
        Assert.Equal(10, (long)await database.HashGetAsync($"cb:state:{{api:{conversation}}}", "v"));
    }

    [Fact]
    public async Task WeChat_OneMessageDeliveredThreeTimesToBothInstances_RunsOneTurnAndAnswersOnce()
    {
        var citizen = new WeChatCitizen(bots.A.Http, TimeProvider.System, "oScaleTriple" + Guid.NewGuid().ToString("N")[..8]);
        var before = bots.WeChatApi.CustomMessages.Count;
        var request = citizen.Prepare(citizen.Text("帮助"));
        var deliveries = await Task.WhenAll(new[] { bots.A, bots.B, bots.A }.Select(bot => PostWeChatAsync(bot, request)));

        Assert.All(deliveries, d => Assert.Equal(HttpStatusCode.OK, d));
        // The reply budget is zero: the one turn answers by the customer-service API, once.
        var messages = await bots.WeChatApi.WaitForCustomMessagesAsync(before + 1);
        await Task.Delay(1000);
        Assert.Single(bots.WeChatApi.CustomMessages, m => (string?)m["touser"] == citizen.OpenId);
    }

    [Fact]
    public async Task WeChat_NumberAnsweringOptionsListedByTheOtherInstance_PicksThatOption()
    {
        var citizen = new WeChatCitizen(bots.A.Http, TimeProvider.System, "oScaleNumber" + Guid.NewGuid().ToString("N")[..8]);
        // Each step on the other instance than the one before; 跳过 is the photo question's one button, "1. 跳过".
        (BotProcess Bot, string Say, string Expect)[] steps =
        [
            (bots.A, "事件上报", "请选择要上报的问题类别"),
            (bots.B, "1", "1. 跳过"),
            (bots.A, "1", "问题在哪里"),
        ];
        foreach (var (bot, say, expect) in steps)
        {
            var before = bots.WeChatApi.CustomMessages.Count;
            Assert.Equal(HttpStatusCode.OK, await PostWeChatAsync(bot, citizen.Prepare(citizen.Text(say))));
            await WaitForTextToAsync(citizen.OpenId, before, expect);
        }
    }

    [Fact]
    public async Task WeChat_TokenRejectedOnBothInstances_OneRefreshAcrossInstances()
    {
        // Both instances use the shared token; then WeChat invalidates it and both hit 40001 together.
        var sends = SendCalls();
        await SendWeChatAsync(bots.A, "oScaleWarm" + Guid.NewGuid().ToString("N")[..8]);
        await SendWeChatAsync(bots.B, "oScaleWarm" + Guid.NewGuid().ToString("N")[..8]);
        await WaitForSendCallsAsync(sends + 2);
        var refreshesBefore = bots.WeChatApi.TokenRequests;
        var current = bots.WeChatApi.Calls.Last().Token;
        bots.WeChatApi.RejectedTokens[current] = true;
        var countBefore = bots.WeChatApi.CustomMessages.Count;

        await Task.WhenAll(
            SendWeChatAsync(bots.A, "oScaleA" + Guid.NewGuid().ToString("N")[..8]),
            SendWeChatAsync(bots.B, "oScaleB" + Guid.NewGuid().ToString("N")[..8]));
        await bots.WeChatApi.WaitForCustomMessagesAsync(countBefore + 2);

        Assert.Equal(refreshesBefore + 1, bots.WeChatApi.TokenRequests);
    }

    [Fact]
    public async Task Center_TicketPushedWhileBothRunHangfire_AcceptedOnceAndSurvivorFinishesAfterPusherIsKilled()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var conversation = "push-" + Guid.NewGuid().ToString("N")[..8];
        // ASCII, so it reads the same in the JSON body (which escapes Chinese).
        bots.Center.HoldMarker = "kill-" + conversation;
        bots.Center.HoldNext = held;
        JsonElement receipt = default;
        for (var i = 0; i < ReportFlow.Length; i++)
        {
            var say = i == 4 ? "kill-" + conversation : ReportFlow[i].Say;
            receipt = await SendBotApiAsync(bots.A, conversation, $"p{i}", say);
        }

        var number = TicketNumberIn(receipt);
        var port = await bots.Center.HeldFromPort.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var pusher = OwnerOf(port) == bots.A.ProcessId ? bots.A : bots.B;
        var survivor = pusher == bots.A ? bots.B : bots.A;
        var pusherId = pusher.ProcessId;
        Assert.NotEqual(-1, OwnerOf(port));
        pusher.Kill();
        await held.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var ticketId = await WaitUntilAcceptedAsync(number, "the surviving instance never finished the push");

        await bots.RestartAsync(pusher);
        Assert.True(bots.Center.Accepted.Count(key => key == ticketId) == 1, $"pusher {pusherId}, requests: {string.Join(",", bots.Center.Requests)} accepted: {string.Join(",", bots.Center.Accepted)} ticket {ticketId}");
        Assert.Equal(2, bots.Center.Requests.Count(key => key == ticketId));
        Assert.Equal(HttpStatusCode.OK, (await survivor.Http.GetAsync("readyz")).StatusCode);
    }

    [Fact]
    public async Task Center_TicketFiledOnAnInstanceWithoutAJobServer_IsPushedByAnInstanceWithOne()
    {
        await using var answersOnly = await bots.StartAnotherAsync("answers-only", new Dictionary<string, string> { ["Storage:JobServer"] = "false" });
        var conversation = "answers-only-" + Guid.NewGuid().ToString("N")[..8];
        JsonElement receipt = default;
        for (var i = 0; i < ReportFlow.Length; i++)
        {
            receipt = await SendBotApiAsync(answersOnly, conversation, $"w{i}", ReportFlow[i].Say);
        }

        await WaitUntilAcceptedAsync(TicketNumberIn(receipt), "no instance with a job server pushed the ticket");

        // Hangfire names its servers host:pid:guid; the instance without one never registered any.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(bots.Redis);
        var servers = (await redis.GetDatabase().SetMembersAsync(RedisKeys.HangfirePrefix + "servers")).Select(v => v.ToString()).ToList();
        Assert.Contains(servers, s => s.Contains($":{bots.A.ProcessId}:", StringComparison.Ordinal));
        Assert.DoesNotContain(servers, s => s.Contains($":{answersOnly.ProcessId}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mediation_OneSlotBookedOnBothInstancesAtOnce_ExactlyOneWins()
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            (await (await (i % 2 == 0 ? bots.A : bots.B).Http.PostAsync("api/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!));
        using var slotsRequest = new HttpRequestMessage(HttpMethod.Get, $"api/mediation/slots?bodyId=labor&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(14).ToString("O"))}");
        slotsRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[0]);
        var slots = await (await bots.A.Http.SendAsync(slotsRequest)).Content.ReadFromJsonAsync<JsonElement>();
        var slotId = slots.EnumerateArray().First().GetProperty("slotId").GetString()!;

        var responses = await Task.WhenAll(tokens.Select((token, i) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/mediation/bookings")
            {
                Content = JsonContent.Create(new
                {
                    slotId,
                    disputeType = "labor",
                    facts = "在鑫达厂打工三个月，老板拖欠工资8000元",
                    applicant = new { name = "张三", phone = "13800138000" },
                    otherParty = new { name = "鑫达电子厂", phone = "13900139000" },
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (i % 2 == 0 ? bots.A : bots.B).Http.SendAsync(request);
        }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    /// <summary>Waits for a customer-service text to <paramref name="openId"/>, sent after the first <paramref name="skip"/>, that says <paramref name="expected"/>.</summary>
    private async Task WaitForTextToAsync(string openId, int skip, string expected)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!bots.WeChatApi.CustomMessages.Skip(skip).Any(m => (string?)m["touser"] == openId
            && ((string?)m["text"]?["content"])?.Contains(expected, StringComparison.Ordinal) == true))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"no \"{expected}\"; sent: " + string.Join(" / ", bots.WeChatApi.CustomMessages.Skip(skip)
                .Where(m => (string?)m["touser"] == openId).Select(m => m.ToJsonString())));
            await Task.Delay(50);
        }
    }

    private int SendCalls() => bots.WeChatApi.Calls.Count(c => c.Path == "/cgi-bin/message/custom/send");

    private async Task WaitForSendCallsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (SendCalls() < count)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task<JsonElement> SendBotApiAsync(BotProcess bot, string conversation, string id, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = JsonContent.Create(new
            {
                type = "message",
                id,
                channelId = "test",
                conversation = new { id = conversation },
                from = new { id = "u-" + conversation },
                recipient = new { id = "bot" },
                text,
                deliveryMode = "expectReplies",
                serviceUrl = "http://localhost",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TwoBots.BotApiKey);
        using var response = await bot.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpStatusCode> PostWeChatAsync(BotProcess bot, (Uri Uri, string Body) request)
    {
        using var response = await bot.Http.PostAsync(request.Uri, new StringContent(request.Body, Encoding.UTF8, "text/xml"));
        return response.StatusCode;
    }

    private static async Task SendWeChatAsync(BotProcess bot, string openId)
    {
        var citizen = new WeChatCitizen(bot.Http, TimeProvider.System, openId);
        Assert.Equal(HttpStatusCode.OK, await PostWeChatAsync(bot, citizen.Prepare(citizen.Text("帮助"))));
    }

    private static async Task ReadUntilAsync(ClientWebSocket socket, List<string> seen, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        while (!seen.Any(t => t.Contains(expected, StringComparison.Ordinal)))
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (frame.Length == 0)
            {
                continue;
            }

            using var set = JsonDocument.Parse(frame.ToArray());
            foreach (var activity in set.RootElement.GetProperty("activities").EnumerateArray())
            {
                if (activity.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var role) && role.GetString() == "bot"
                    && activity.TryGetProperty("text", out var text))
                {
                    seen.Add(text.GetString() ?? "");
                }
            }
        }
    }

    private static string TicketNumberIn(JsonElement receipt)
    {
        var text = receipt.GetProperty("activities")[0].GetProperty("text").GetString()!;
        return text[(text.IndexOf("工单编号：", StringComparison.Ordinal) + 5)..].Split('\n')[0].Trim();
    }

    /// <summary>Waits up to a minute for the center to have accepted the ticket; its id.</summary>
    private async Task<string> WaitUntilAcceptedAsync(string number, string failure)
    {
        var ticketId = await ScalarAsync<string>($"SELECT \"Id\" FROM tickets WHERE \"Number\" = '{number}'");
        var deadline = Stopwatch.StartNew();
        while (await ScalarAsync<long>($"SELECT count(*) FROM ticket_outbox WHERE \"TicketId\" = '{ticketId}' AND \"AcceptedAt\" IS NOT NULL") == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), failure);
            await Task.Delay(200);
        }

        return ticketId;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(bots.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The process whose socket has <paramref name="localPort"/> (the pusher's end of the held connection).</summary>
    private static int OwnerOf(int localPort)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", ["-Htnp", "state", "established", $"sport = :{localPort}"]) { RedirectStandardOutput = true })!;
        var output = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        var at = output.IndexOf("pid=", StringComparison.Ordinal);
        return at < 0 ? -1 : int.Parse(output[(at + 4)..].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
