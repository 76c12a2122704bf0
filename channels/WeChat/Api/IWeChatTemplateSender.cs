namespace CitizenBot.Channels.WeChat.Api;

/// <summary>Sends WeChat template messages by a template's own id (staff alerts configured outside <c>WeChat:Templates</c>).</summary>
public interface IWeChatTemplateSender
{
    /// <summary>Sends a template message; a stale access token is refreshed and the call retried once.</summary>
    /// <param name="clientMsgId">Makes WeChat drop a repeat for 10 minutes.</param>
    /// <returns>WeChat's msgid.</returns>
    /// <exception cref="WeChatApiException">WeChat answered with an error code.</exception>
    /// <exception cref="InvalidOperationException">The WeChat channel has no AppSecret.</exception>
    Task<long> SendTemplateByIdAsync(
        string openId, string templateId, IReadOnlyDictionary<string, string> data, Uri? url, string? clientMsgId,
        CancellationToken cancellationToken);
}
