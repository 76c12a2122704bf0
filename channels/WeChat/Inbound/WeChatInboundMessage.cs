using System.Globalization;
using CitizenBot.Channels.WeChat.Xml;

namespace CitizenBot.Channels.WeChat.Inbound;

/// <summary>A parsed inbound message or event, with its other fields kept by name.</summary>
internal sealed class WeChatInboundMessage
{
    private readonly IReadOnlyDictionary<string, string> _fields;

    private WeChatInboundMessage(IReadOnlyDictionary<string, string> fields) => _fields = fields;

    public string ToUserName => Field("ToUserName") ?? string.Empty;

    public string FromUserName => Field("FromUserName") ?? string.Empty;

    public long CreateTime => long.TryParse(Field("CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0;

    public string MsgType => Field("MsgType") ?? string.Empty;

    public string? MsgId => Field("MsgId");

    public string Event => Field("Event") ?? string.Empty;

    public string EventKey => Field("EventKey") ?? string.Empty;

    public bool IsEvent => string.Equals(MsgType, "event", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The dedup key of the WeChat protocol: FromUserName + MsgId for messages (MsgIds collide across users), and
    /// FromUserName + CreateTime + Event + EventKey for events (LOCATION repeats within one second).
    /// </summary>
    public string DedupKey => !IsEvent && !string.IsNullOrEmpty(MsgId)
        ? $"{FromUserName}|{MsgId}"
        : $"{FromUserName}|{CreateTime.ToString(CultureInfo.InvariantCulture)}|{MsgType}|{Event}|{EventKey}";

    public string? Field(string name) => _fields.TryGetValue(name, out var value) ? value : null;

    public bool IsEventNamed(string name) => IsEvent && string.Equals(Event, name, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="WeChatXmlException">The XML is unsafe or not a message.</exception>
    public static WeChatInboundMessage Parse(string xml)
    {
        var message = new WeChatInboundMessage(WeChatXml.Parse(xml));
        if (message.FromUserName.Length == 0 || message.MsgType.Length == 0)
        {
            throw new WeChatXmlException("FromUserName or MsgType missing");
        }

        return message;
    }
}
