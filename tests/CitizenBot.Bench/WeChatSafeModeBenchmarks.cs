using BenchmarkDotNet.Attributes;
using CitizenBot.Channels.WeChat.Crypto;
using CitizenBot.Channels.WeChat.Inbound;
using CitizenBot.Channels.WeChat.Xml;

namespace CitizenBot.Bench;

/// <summary>
/// The channel's own work on one WeChat message in safe mode, around the turn: check msg_signature, decrypt, parse the
/// XML, then write the passive reply, encrypt it and sign it.
/// </summary>
[MemoryDiagnoser]
public class WeChatSafeModeBenchmarks
{
    private const string Token = "citizenbot2026";
    private const string AppId = "wx0123456789abcdef";
    private const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string Timestamp = "1795000000";
    private const string Nonce = "5001";
    private const string ReplyText = "请选择要上报的问题类别：\n1. 消防/安全隐患\n2. 私搭乱建/违法建设\n3. 市容环境\n4. 公共设施损坏\n5. 其他";

    private readonly WeChatMessageCrypto _crypto = new(EncodingAesKey, AppId);
    private string _encrypt = string.Empty;
    private string _msgSignature = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        const string inbound = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>"
            + "<CreateTime>1795000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[事件上报]]></Content><MsgId>6054768590064713728</MsgId></xml>";
        _encrypt = _crypto.Encrypt(inbound);
        _msgSignature = WeChatSignature.Compute(Token, Timestamp, Nonce, _encrypt);
    }

    [Benchmark]
    public string DecryptParseEncryptReply()
    {
        if (!WeChatSignature.Matches(_msgSignature, Token, Timestamp, Nonce, _encrypt))
        {
            throw new InvalidOperationException("The benchmark's own signature does not verify.");
        }

        var plain = _crypto.Decrypt(_encrypt);
        var message = WeChatInboundMessage.Parse(plain.Message);
        var reply = WeChatReplyXml.Text(message.FromUserName, message.ToUserName, message.CreateTime, ReplyText);
        var encrypted = _crypto.Encrypt(reply, plain.KeyIndex);
        return WeChatReplyXml.Encrypted(encrypted, WeChatSignature.Compute(Token, Timestamp, Nonce, encrypted), Timestamp, Nonce);
    }
}
