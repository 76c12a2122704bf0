using System.Globalization;
using System.Text;
using System.Xml.Linq;
using CitizenBot.Load.Script;

namespace CitizenBot.Load.Targets;

/// <summary>
/// One follower on the WeChat endpoint in safe mode: each message signed and encrypted as WeChat sends it, the passive
/// reply decrypted. A <c>success</c> body means the bot missed the passive-reply budget and would answer through the
/// customer-service API instead; the driver counts that as a late turn.
/// </summary>
internal sealed class WeChatCitizen(HttpClient http, Uri baseUrl, WeChatWire wire, string openId, TimeProvider time) : ICitizen
{
    private const string Account = "gh_load00000000";

    private static long s_msgId = 7_000_000_000_000_000_000;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> SendAsync(ReportStep step, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var encrypt = wire.Encrypt(Message(step, now));
        var signature = WeChatWire.Sign(wire.Token, now, nonce);
        var msgSignature = WeChatWire.Sign(wire.Token, now, nonce, encrypt);
        var uri = new Uri(baseUrl, $"wechat?signature={signature}&timestamp={now}&nonce={nonce}&openid={openId}&encrypt_type=aes&msg_signature={msgSignature}");
        using var content = new StringContent($"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>", Encoding.UTF8, "text/xml");
        using var response = await http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new TurnFailedException($"http-{(int)response.StatusCode}", $"/wechat answered {(int)response.StatusCode}");
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!body.StartsWith("<xml>", StringComparison.Ordinal))
        {
            throw new TurnFailedException("late-passive", "no passive reply: the bot answered 'success' and would use the customer-service API");
        }

        var reply = XElement.Parse(wire.Decrypt(XElement.Parse(body).Element("Encrypt")!.Value));
        return reply.Element("Content")?.Value ?? reply.ToString();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string Message(ReportStep step, string now)
    {
        var msgId = Interlocked.Increment(ref s_msgId);
        var fields = $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{step.Text}]]></Content>";
        if (step.IsLocation)
        {
            var (latitude, longitude) = ReportScript.RandomPoint(gcj02: true);
            fields = string.Create(CultureInfo.InvariantCulture, $"<MsgType><![CDATA[location]]></MsgType><Location_X>{latitude:F6}</Location_X><Location_Y>{longitude:F6}</Location_Y><Scale>15</Scale><Label><![CDATA[示例街道青松社区]]></Label>");
        }

        return $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName><CreateTime>{now}</CreateTime>{fields}<MsgId>{msgId}</MsgId></xml>";
    }
}
