using CitizenBot.Testing.WeChat;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Tests.WeChat.Fakes;
using CitizenBot.Channels.Tests.WeChat.TestData;
using CitizenBot.Channels.WeChat.Crypto;

namespace CitizenBot.Channels.Tests.WeChat.Endpoint;

/// <summary>The /wechat route end to end on loopback, against a fake WeChat API and a fake bot.</summary>
[Trait("Category", "Security")]
public sealed class WeChatEndpointsTests : IAsyncLifetime
{
    private readonly FakeTurnProcessor _turns = new();
    private FakeWeChatApi _api = null!;
    private WeChatChannelHost _host = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWeChatApi.StartAsync();
        _host = await WeChatChannelHost.StartAsync(_api, _turns);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Get_OfficialExample_EchoesEchostr()
    {
        await using var host = await WeChatChannelHost.StartAsync(_api, _turns, new Dictionary<string, string?> { ["WeChat:Token"] = "AAAAA" });
        const string id = "SIG-3";

        var response = await host.Client.GetAsync(
            $"/wechat?signature={WeChatVectors.Expected(id, "signature")}&timestamp={WeChatVectors.Input(id, "timestamp")}"
            + $"&nonce={WeChatVectors.Input(id, "nonce")}&echostr={WeChatVectors.Input(id, "echostr")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WeChatVectors.Expected(id, "response_body"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_ForgedSignature_Is401WithEmptyBody()
    {
        var response = await _host.Client.GetAsync("/wechat?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=123");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_PlainText_RunsTurnAndRepliesPassivelyToTheUser()
    {
        var response = await _host.PostPlainAsync(WeChatChannelHost.TextMessage("老板跑路了工资不给怎么办"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(WeChatChannelHost.OpenId, reply.Element("ToUserName")!.Value);
        Assert.Equal(WeChatChannelHost.Account, reply.Element("FromUserName")!.Value);
        Assert.Equal("text", reply.Element("MsgType")!.Value);
        Assert.Equal("收到：老板跑路了工资不给怎么办", reply.Element("Content")!.Value);
        var activity = Assert.Single(_turns.Received);
        Assert.Equal("wechat", activity.ChannelId);
        Assert.Equal(WeChatChannelHost.OpenId, activity.From!.Id);
        Assert.Equal(WeChatChannelHost.OpenId, activity.Conversation!.Id);
    }

    [Fact]
    public async Task Post_SafeMode_DecryptsAndRepliesEncryptedWithValidSignature()
    {
        var response = await _host.PostEncryptedAsync(WeChatChannelHost.TextMessage("消防通道被堵"));

        var envelope = XElement.Parse(await response.Content.ReadAsStringAsync());
        var encrypt = envelope.Element("Encrypt")!.Value;
        Assert.True(WeChatSignature.Matches(
            envelope.Element("MsgSignature")!.Value, WeChatChannelHost.Token,
            envelope.Element("TimeStamp")!.Value, envelope.Element("Nonce")!.Value, encrypt));
        var reply = XElement.Parse(_host.Crypto.Decrypt(encrypt).Message);
        Assert.Equal("收到：消防通道被堵", reply.Element("Content")!.Value);
    }

    [Fact]
    public async Task Post_RealSafeModeCapture_ReachesTheBot()
    {
        const string id = "DEC-2";
        await using var host = await WeChatChannelHost.StartAsync(_api, _turns, new Dictionary<string, string?>
        {
            ["WeChat:Token"] = WeChatVectors.Input(id, "token"),
            ["WeChat:AppId"] = WeChatVectors.Input(id, "appid"),
            ["WeChat:EncodingAESKey"] = WeChatVectors.Input(id, "encoding_aes_key"),
            ["WeChat:RequireEncryption"] = "true",
        }, now: DateTimeOffset.FromUnixTimeSeconds(1414243737));

        var response = await host.PostRawAsync($"/wechat?{WeChatVectors.Input(id, "query")}", WeChatVectors.Input(id, "post_body"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var activity = Assert.Single(_turns.Received);
        Assert.Equal("?", activity.Text);
        Assert.Equal("oIDrpjpQ8j8mBuQ8nM26HWzNEZgg", activity.From!.Id);
    }

    [Fact]
    public async Task Post_ForgedSignature_Is401AndRunsNoTurn()
    {
        var response = await _host.PostPlainAsync(WeChatChannelHost.TextMessage("hi"), signature: "0000000000000000000000000000000000000000");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _turns.Turns);
    }

    [Fact]
    public async Task Post_ForgedMsgSignature_Is401AndRunsNoTurn()
    {
        var response = await _host.PostEncryptedAsync(WeChatChannelHost.TextMessage("hi"), msgSignature: "8edac0945683c119ee71c9f6256d76c48aa08a96");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _turns.Turns);
    }

    [Fact]
    public async Task Post_StaleTimestamp_Is401AndRunsNoTurn()
    {
        var stale = (WeChatChannelHost.Now.ToUnixTimeSeconds() - 301).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await _host.PostPlainAsync(WeChatChannelHost.TextMessage("hi"), timestamp: stale);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _turns.Turns);
    }

    [Fact]
    public async Task Post_ReplayedNonceWithOtherBody_Is409AndRunsNoSecondTurn()
    {
        var first = await _host.PostPlainAsync(WeChatChannelHost.TextMessage("hi", msgId: 1), nonce: "424242");

        var replay = await _host.PostPlainAsync(WeChatChannelHost.TextMessage("转账给我", msgId: 2), nonce: "424242");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal(1, _turns.Turns);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol3;</Content><MsgId>1</MsgId></xml>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>")]
    [InlineData("<root><FromUserName>o1</FromUserName><MsgType>text</MsgType><Content>hi</Content></root>")]
    [InlineData("<xml><FromUserName>o1</FromUserName><MsgType>text</MsgType><Content>a</Content><Content>b</Content></xml>")]
    [InlineData("not xml")]
    public async Task Post_HostileOrMalformedXml_Is400AndRunsNoTurn(string xml)
    {
        var plain = await _host.PostPlainAsync(xml);
        var encrypted = await _host.PostEncryptedAsync(xml);

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, encrypted.StatusCode);
        Assert.Equal(0, _turns.Turns);
    }

    [Fact]
    public async Task Post_WrongAppIdInsideCiphertext_Is400AndRunsNoTurn()
    {
        var stranger = new WeChatMessageCrypto(WeChatChannelHost.EncodingAesKey, "wxEVIL0000000000000");

        var response = await _host.PostEncryptedAsync(encrypt: stranger.Encrypt(WeChatChannelHost.TextMessage("hi")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _turns.Turns);
    }

    [Fact]
    public async Task Post_BadPaddingInsideCiphertext_Is400AndRunsNoTurn()
    {
        // Flipping a byte of the second-to-last block garbles the last block's padding after CBC decryption.
        var cipher = Convert.FromBase64String(_host.Crypto.Encrypt(WeChatChannelHost.TextMessage("hi")));
        cipher[^17] ^= 0x5A;

        var response = await _host.PostEncryptedAsync(encrypt: Convert.ToBase64String(cipher));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _turns.Turns);
    }

    [Fact]
    public async Task Post_OversizeBody_Is413AndRunsNoTurn()
    {
        var response = await _host.PostPlainAsync(WeChatChannelHost.TextMessage(new string('长', 30_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _turns.Turns);
    }

    [Fact]
    public async Task Post_PlaintextWhenEncryptionRequired_Is403AndRunsNoTurn()
    {
        await using var host = await WeChatChannelHost.StartAsync(_api, _turns, new Dictionary<string, string?> { ["WeChat:RequireEncryption"] = "true" });

        var response = await host.PostPlainAsync(WeChatChannelHost.TextMessage("hi"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _turns.Turns);
    }

    [Fact]
    public async Task Post_UnknownMsgType_IsAnsweredPolitelyWithoutTurn()
    {
        var xml = WeChatChannelHost.TextMessage("x").Replace("<![CDATA[text]]>", "<![CDATA[hologram]]>", StringComparison.Ordinal);

        var response = await _host.PostPlainAsync(xml);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("暂不支持", XElement.Parse(await response.Content.ReadAsStringAsync()).Element("Content")!.Value, StringComparison.Ordinal);
        Assert.Equal(0, _turns.Turns);
    }

    [Fact]
    public async Task Post_SameMessageThreeTimes_RunsOneTurnAndRepeatsItsReply()
    {
        var xml = WeChatChannelHost.TextMessage("路灯坏了");

        var responses = await Task.WhenAll(_host.PostPlainAsync(xml), _host.PostPlainAsync(xml), _host.PostPlainAsync(xml));

        Assert.Equal(1, _turns.Turns);
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("收到：路灯坏了", XElement.Parse(await response.Content.ReadAsStringAsync()).Element("Content")!.Value);
        }
    }

    [Fact]
    public async Task Post_SameMsgIdFromAnotherUser_RunsItsOwnTurn()
    {
        await _host.PostPlainAsync(WeChatChannelHost.TextMessage("a", msgId: 7));
        await _host.PostPlainAsync(WeChatChannelHost.TextMessage("b", msgId: 7, from: "oOtherUser000000000000000000"));

        Assert.Equal(2, _turns.Turns);
    }

    [Fact]
    public async Task Post_SlowTurn_AnswersSuccessThenSendsByCustomerService()
    {
        var release = new TaskCompletionSource();
        _turns.Respond = async activity =>
        {
            await release.Task;
            return [activity.CreateReply("工单号 GD-20261127-0001")];
        };

        var response = await _host.AdvanceUntilAnsweredAsync(_host.PostPlainAsync(WeChatChannelHost.TextMessage("井盖丢了")));
        var retry = await _host.AdvanceUntilAnsweredAsync(_host.PostPlainAsync(WeChatChannelHost.TextMessage("井盖丢了")));
        release.SetResult();
        var sent = await _api.WaitForCustomMessagesAsync(1);

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        Assert.Equal("success", await retry.Content.ReadAsStringAsync());
        var message = Assert.Single(sent);
        Assert.Equal(WeChatChannelHost.OpenId, (string?)message["touser"]);
        Assert.Equal("工单号 GD-20261127-0001", (string?)message["text"]!["content"]);
        Assert.Equal(1, _turns.Turns);
    }

    [Fact]
    public async Task Post_ReplyWithSuggestedActions_ShowsNumbersAndHandsTheNumberToTheBotAsTyped()
    {
        _turns.Respond = activity =>
        {
            var reply = activity.CreateReply("请选择事件类别：");
            reply.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("消防安全"), CardAction.ImBack("违章建筑")] };
            return Task.FromResult<IReadOnlyList<Activity>>([reply]);
        };

        var response = await _host.PostPlainAsync(WeChatChannelHost.TextMessage("我要上报", msgId: 1));
        await _host.PostPlainAsync(WeChatChannelHost.TextMessage("2", msgId: 2));

        var content = XElement.Parse(await response.Content.ReadAsStringAsync()).Element("Content")!.Value;
        Assert.Contains("1. 消防安全\n2. 违章建筑", content, StringComparison.Ordinal);
        // The bot resolves it from the options kept with the conversation, the same on every instance.
        Assert.Equal("2", _turns.Received.Last().Text);
    }

    [Fact]
    public async Task Post_ReplyLongerThanOneMessage_SendsTheRestByCustomerService()
    {
        var answer = string.Join('\n', Enumerable.Range(1, 12).Select(i => $"第{i}条：" + new string('法', 60)));
        _turns.Respond = activity => Task.FromResult<IReadOnlyList<Activity>>([activity.CreateReply(answer)]);

        var response = await _host.PostPlainAsync(WeChatChannelHost.TextMessage("法律咨询"));
        var rest = await _api.WaitForCustomMessagesAsync(1);

        var first = XElement.Parse(await response.Content.ReadAsStringAsync()).Element("Content")!.Value;
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(first) <= 2048);
        Assert.Equal(answer, first + "\n" + (string?)Assert.Single(rest)["text"]!["content"]);
    }

    [Fact]
    public async Task Post_MarkdownReply_WebLinksAsAnchorsAndHotlinesAsNumbers()
    {
        _turns.Respond = activity =>
        {
            var reply = activity.CreateReply("请拨打[12348](tel:12348)，或打开[进入视频调解](https://bot.example/mediation/b1/join?k=a&exp=1)。\\\n费用：100\\*2");
            reply.TextFormat = TextFormats.Markdown;
            return Task.FromResult<IReadOnlyList<Activity>>([reply]);
        };

        var response = await _host.PostPlainAsync(WeChatChannelHost.TextMessage("预约调解"));

        var content = XElement.Parse(await response.Content.ReadAsStringAsync()).Element("Content")!.Value;
        Assert.Equal("请拨打12348，或打开<a href=\"https://bot.example/mediation/b1/join?k=a&exp=1\">进入视频调解</a>。\n费用：100*2", content);
    }

    [Fact]
    public async Task Post_ReplyWithAnArticle_AnsweredAsNewsThenTheTextByCustomerService()
    {
        _turns.Respond = activity =>
        {
            var reply = activity.CreateReply("预约成功！\n预约编号：TJ20261127-0001");
            reply.Attachments = [new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = JsonSerializer.SerializeToElement(new { type = "AdaptiveCard" }) }];
            reply.ChannelData = JsonSerializer.SerializeToElement(new
            {
                article = new { title = "视频调解已预约：11月30日", description = "城关镇劳动争议调解委员会", url = "https://bot.example/mediation/b1/join?k=a", imageUrl = "https://bot.example/mediation/b1/qr.png?k=a" },
            });
            return Task.FromResult<IReadOnlyList<Activity>>([reply]);
        };

        var response = await _host.PostPlainAsync(WeChatChannelHost.TextMessage("是"));
        var rest = await _api.WaitForCustomMessagesAsync(1);

        var xml = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("news", xml.Element("MsgType")!.Value);
        Assert.Equal("1", xml.Element("ArticleCount")!.Value);
        var item = Assert.Single(xml.Element("Articles")!.Elements("item"));
        Assert.Equal("视频调解已预约：11月30日", item.Element("Title")!.Value);
        Assert.Equal("https://bot.example/mediation/b1/join?k=a", item.Element("Url")!.Value);
        Assert.Equal("https://bot.example/mediation/b1/qr.png?k=a", item.Element("PicUrl")!.Value);
        Assert.Equal("预约成功！\n预约编号：TJ20261127-0001", (string?)Assert.Single(rest)["text"]!["content"]);
    }
}
