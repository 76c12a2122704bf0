using System.Globalization;
using System.Text;

namespace CitizenBot.Channels.WeChat.Xml;

/// <summary>Passive reply documents, with every text value in CDATA written safely.</summary>
internal static class WeChatReplyXml
{
    /// <summary>A <c>text</c> reply from the account to the user.</summary>
    public static string Text(string toUser, string fromAccount, long createTime, string content) =>
        Envelope(toUser, fromAccount, createTime, "text", $"<Content>{CData(content)}</Content>");

    /// <summary>Hands the conversation to the human agents of 多客服.</summary>
    /// <summary>A passive 图文消息 reply: one article, the only number WeChat accepts since 2018.</summary>
    public static string News(string toUser, string fromAccount, long createTime, WeChatArticle article) =>
        Envelope(toUser, fromAccount, createTime, "news",
            "<ArticleCount>1</ArticleCount><Articles><item>"
            + $"<Title>{CData(article.Title)}</Title><Description>{CData(article.Description)}</Description>"
            + $"<PicUrl>{CData(article.PicUrl ?? string.Empty)}</PicUrl><Url>{CData(article.Url)}</Url>"
            + "</item></Articles>");

    public static string TransferToCustomerService(string toUser, string fromAccount, long createTime) =>
        Envelope(toUser, fromAccount, createTime, "transfer_customer_service", string.Empty);

    /// <summary>The safe-mode envelope around an encrypted reply.</summary>
    public static string Encrypted(string encrypt, string msgSignature, string timestamp, string nonce) =>
        $"<xml><Encrypt>{CData(encrypt)}</Encrypt><MsgSignature>{CData(msgSignature)}</MsgSignature>"
        + $"<TimeStamp>{CData(timestamp)}</TimeStamp><Nonce>{CData(nonce)}</Nonce></xml>";

    /// <summary>
    /// A CDATA section that cannot be closed early: each <c>]]&gt;</c> is split across two sections, and characters
    /// XML 1.0 forbids are dropped so the reply stays valid (an invalid reply shows the user a service error).
    /// </summary>
    public static string CData(string value)
    {
        var text = new StringBuilder(value.Length + 12);
        text.Append("<![CDATA[");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (XmlCharIsValid(c))
            {
                text.Append(c);
            }
        }

        text.Replace("]]>", "]]]]><![CDATA[>");
        return text.Append("]]>").ToString();
    }

    private static bool XmlCharIsValid(char c) =>
        c is '\t' or '\n' or '\r' or (>= (char)0x20 and <= (char)0xD7FF) or (>= (char)0xE000 and <= (char)0xFFFD);

    private static string Envelope(string toUser, string fromAccount, long createTime, string msgType, string body) =>
        $"<xml><ToUserName>{CData(toUser)}</ToUserName><FromUserName>{CData(fromAccount)}</FromUserName>"
        + $"<CreateTime>{createTime.ToString(CultureInfo.InvariantCulture)}</CreateTime><MsgType>{CData(msgType)}</MsgType>{body}</xml>";
}
