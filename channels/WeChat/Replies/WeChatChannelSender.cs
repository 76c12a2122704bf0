using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.Turns;
using CitizenBot.Channels.WeChat.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.WeChat.Replies;

/// <summary>
/// Delivers activities to a WeChat user through the customer-service API: late turn replies and proactive messages.
/// One turn's activities become as few messages as possible, each within the quota.
/// </summary>
/// <remarks>
/// Outside the 48-hour window, or with the quota used up, a proactive message goes as the template message
/// <c>WeChat:Templates:Notification</c> when one is configured; otherwise the error is thrown.
/// </remarks>
internal sealed partial class WeChatChannelSender(
    WeChatApiClient api,
    IWeChatCustomerServiceQuota quota,
    IOptions<WeChatOptions> options,
    ILogger<WeChatChannelSender> logger) : IChannelSender
{
    /// <summary>The key of <c>WeChat:Templates</c> used for notifications outside the customer-service window.</summary>
    public const string NotificationTemplate = "Notification";

    /// <summary>Template "thing" fields hold at most 20 characters; longer text is cut with an ellipsis.</summary>
    private const int TemplateFieldLength = 20;

    public string ChannelId => WeChatDefaults.ChannelId;

    public async Task SendAsync(ConversationReference reference, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var reply = WeChatReplyRenderer.Render(activities);
        try
        {
            await SendAsync(reference.UserId, reply, skipChunks: 0, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatApiException ex) when (ex.ErrorCode is WeChatApiException.QuotaExhausted or WeChatApiException.OutsideWindow
            && options.Value.Templates.ContainsKey(NotificationTemplate))
        {
            LogTemplateFallback(logger, PersonalData.MaskUserId(reference.UserId), ex.ErrorCode);
            var text = string.Join("\n", reply.Chunks);
            var data = new Dictionary<string, string>
            {
                [options.Value.NotificationTemplateField] = text.Length <= TemplateFieldLength ? text : string.Concat(text.AsSpan(0, TemplateFieldLength - 1), "…"),
            };
            await api.SendTemplateAsync(reference.UserId, NotificationTemplate, data, url: null, activities.FirstOrDefault()?.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the news articles of a rendered reply from <paramref name="skipArticles"/> on, then its text chunks from
    /// <paramref name="skipChunks"/> on (the skipped ones went passively).
    /// </summary>
    public async Task SendAsync(string openId, WeChatReply reply, int skipChunks, CancellationToken cancellationToken, int skipArticles = 0)
    {
        foreach (var article in reply.Articles.Skip(skipArticles))
        {
            await ConsumeQuotaAsync(openId, "custom/send news", cancellationToken).ConfigureAwait(false);
            await api.SendNewsAsync(openId, article, cancellationToken).ConfigureAwait(false);
        }

        foreach (var chunk in reply.Chunks.Skip(skipChunks))
        {
            await ConsumeQuotaAsync(openId, "custom/send text", cancellationToken).ConfigureAwait(false);
            await api.SendTextAsync(openId, chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ConsumeQuotaAsync(string openId, string call, CancellationToken cancellationToken)
    {
        if (!await quota.TryConsumeAsync(openId, cancellationToken).ConfigureAwait(false))
        {
            LogQuotaExhausted(logger, PersonalData.MaskUserId(openId));
            throw new WeChatApiException(WeChatApiException.QuotaExhausted, "customer-service quota used up", call);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer-service message to {User} refused ({ErrorCode}); sent as a template message")]
    private static partial void LogTemplateFallback(ILogger logger, string user, int errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer-service quota of {User} is used up; reply not sent")]
    private static partial void LogQuotaExhausted(ILogger logger, string user);
}
