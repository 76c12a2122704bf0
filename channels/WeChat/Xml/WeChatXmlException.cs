namespace CitizenBot.Channels.WeChat.Xml;

/// <summary>An XML body that is not a WeChat message: malformed, has a DTD, wrong root, or duplicate fields.</summary>
internal sealed class WeChatXmlException(string reason, Exception? inner = null)
    : Exception($"Refused WeChat XML: {reason}.", inner);
