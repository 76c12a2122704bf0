using System.Text.Json.Nodes;
using CitizenBot.Channels.WeChat.Crypto;

namespace CitizenBot.Channels.Tests.WeChat.Interop;

/// <summary>Our crypto against node-webot's wechat-crypto, both ways.</summary>
public sealed class NodeWeChatCryptoInteropTests(NodeWeChatCryptoFixture node) : IClassFixture<NodeWeChatCryptoFixture>
{
    private const string Token = "RMNlACHlV5ThzfRlVS4D4";
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string AppId = "wx2c2769f8efd9abc2";

    // Lengths around the 32-byte block (16 + 4 + msg + 18 AppId bytes) and multi-byte text.
    private static readonly string[] Messages =
    [
        "",
        new('x', 26),
        new('x', 27),
        "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<Content><![CDATA[老板跑路了工资不给怎么办]]></Content></xml>",
        "消防通道被堵了 😡 " + new string('长', 700),
    ];

    [Fact]
    public async Task Decrypt_MessagesEncryptedByNode_GivesTheirText()
    {
        var requests = new JsonArray();
        foreach (var message in Messages)
        {
            requests.Add(Request("encrypt", message: message));
        }

        var answers = await node.RunAsync(requests);
        var sut = new WeChatMessageCrypto(Key, AppId);

        for (var i = 0; i < Messages.Length; i++)
        {
            var encrypt = answers[i]!["encrypt"]!.GetValue<string>();
            Assert.True(WeChatSignature.Matches(answers[i]!["msgSignature"]!.GetValue<string>(), Token, "1409304348", "xxxxxx", encrypt));
            Assert.Equal(Messages[i], sut.Decrypt(encrypt).Message);
        }
    }

    [Fact]
    public async Task NodeDecrypt_RepliesEncryptedByUs_VerifiesAndGivesTheirText()
    {
        var sut = new WeChatMessageCrypto(Key, AppId);
        var requests = new JsonArray();
        foreach (var message in Messages)
        {
            var encrypt = sut.Encrypt(message);
            requests.Add(Request("decrypt", encrypt: encrypt, msgSignature: WeChatSignature.Compute(Token, "1409304348", "xxxxxx", encrypt)));
        }

        var answers = await node.RunAsync(requests);

        for (var i = 0; i < Messages.Length; i++)
        {
            Assert.True(answers[i]!["signatureValid"]!.GetValue<bool>());
            Assert.Equal(Messages[i], answers[i]!["message"]!.GetValue<string>());
            Assert.Equal(AppId, answers[i]!["appId"]!.GetValue<string>());
        }
    }

    private static JsonObject Request(string op, string? message = null, string? encrypt = null, string? msgSignature = null) => new()
    {
        ["op"] = op,
        ["token"] = Token,
        ["encodingAesKey"] = Key,
        ["appId"] = AppId,
        ["timestamp"] = "1409304348",
        ["nonce"] = "xxxxxx",
        ["message"] = message,
        ["encrypt"] = encrypt,
        ["msgSignature"] = msgSignature,
    };
}
