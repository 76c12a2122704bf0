using System.Globalization;
using System.Text;
using System.Xml.Linq;
using CitizenBot.Channels.WeChat.Crypto;

namespace CitizenBot.Bot.Tests.WeChat;

/// <summary>
/// Plays the WeChat server for one follower against the running bot, in safe mode: signs and encrypts each message
/// exactly as WeChat does, and decrypts the passive reply.
/// </summary>
internal sealed class WeChatCitizen(HttpClient bot, TimeProvider time, string openId = WeChatCitizen.DefaultOpenId)
{
    public const string Token = "citizenbot2026";
    public const string AppId = "wx0123456789abcdef";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string Account = "gh_10f6c3c3ac5a";
    public const string DefaultOpenId = "oyORnuP8q7ou2gfYjqLzSIWZf0rs";

    private readonly WeChatMessageCrypto _crypto = new(EncodingAesKey, AppId);
    private long _msgId = 6054768590064713728;
    private int _nonce = 5000;

    public string OpenId => openId;

    public static Dictionary<string, string?> Settings(Uri apiBaseUrl) => new()
    {
        ["WeChat:Token"] = Token,
        ["WeChat:AppId"] = AppId,
        ["WeChat:AppSecret"] = "test-secret",
        ["WeChat:EncodingAESKey"] = EncodingAesKey,
        ["WeChat:RequireEncryption"] = "true",
        ["WeChat:ApiBaseUrl"] = apiBaseUrl.ToString(),
    };

    public string Text(string content) => Message("text", $"<Content><![CDATA[{content}]]></Content>", withMsgId: true);

    public string Image(string mediaId) =>
        Message("image", $"<PicUrl><![CDATA[http://mmbiz.qpic.cn/{mediaId}]]></PicUrl><MediaId><![CDATA[{mediaId}]]></MediaId>", withMsgId: true);

    /// <summary>A location message: WeChat sends GCJ-02 coordinates.</summary>
    public string Location(double latitude, double longitude, string label) => Message(
        "location",
        string.Create(CultureInfo.InvariantCulture, $"<Location_X>{latitude}</Location_X><Location_Y>{longitude}</Location_Y><Scale>15</Scale><Label><![CDATA[{label}]]></Label>"),
        withMsgId: true);

    public string Subscribe() => Message("event", "<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey>", withMsgId: false);

    /// <summary>Posts in safe mode; returns the decrypted passive reply text, or <c>success</c>/empty when there is none.</summary>
    public async Task<string> SendAsync(string xml)
    {
        using var response = await PostAsync(xml);
        response.EnsureSuccessStatusCode();
        return ReadReply(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs and encrypts once, so the very same request can be delivered again, as WeChat retries it.</summary>
    public (Uri Uri, string Body) Prepare(string xml)
    {
        var nonce = Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var encrypt = _crypto.Encrypt(xml);
        var msgSignature = WeChatSignature.Compute(Token, timestamp, nonce, encrypt);
        var signature = WeChatSignature.Compute(Token, timestamp, nonce);
        var body = $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        return (new Uri($"/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={openId}&encrypt_type=aes&msg_signature={msgSignature}", UriKind.Relative), body);
    }

    public Task<HttpResponseMessage> PostAsync(string xml)
    {
        var (uri, body) = Prepare(xml);
        return bot.PostAsync(uri, new StringContent(body, Encoding.UTF8, "text/xml"));
    }

    public async Task<string> SendPreparedAsync((Uri Uri, string Body) request)
    {
        using var response = await bot.PostAsync(request.Uri, new StringContent(request.Body, Encoding.UTF8, "text/xml"));
        response.EnsureSuccessStatusCode();
        return ReadReply(await response.Content.ReadAsStringAsync());
    }

    public string ReadReply(string body)
    {
        if (!body.StartsWith("<xml>", StringComparison.Ordinal))
        {
            return body;
        }

        var encrypted = XElement.Parse(body).Element("Encrypt")!.Value;
        var plain = XElement.Parse(_crypto.Decrypt(encrypted).Message);
        return plain.Element("Content")?.Value ?? plain.ToString();
    }

    private string Message(string type, string fields, bool withMsgId)
    {
        var msgId = withMsgId ? $"<MsgId>{Interlocked.Increment(ref _msgId)}</MsgId>" : string.Empty;
        return $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>"
            + $"<CreateTime>{time.GetUtcNow().ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[{type}]]></MsgType>{fields}{msgId}</xml>";
    }
}
