using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.Turns;
using CitizenBot.Channels.WeChat.Api;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Channels.WeChat.Replies;

/// <summary>
/// Delivers activities to a WeChat user through the customer-service API: late turn replies and proactive messages.
/// One turn's activities become as few messages as possible, each within the quota.
/// </summary>
/// <exception cref="WeChatApiException">
/// <see cref="WeChatApiException.QuotaExhausted"/> or <see cref="WeChatApiException.OutsideWindow"/>: send a template
/// message instead.
/// </exception>
internal sealed partial class WeChatChannelSender(
    WeChatApiClient api,
    IWeChatCustomerServiceQuota quota,
    WeChatChoiceMemory choices,
    ILogger<WeChatChannelSender> logger) : IChannelSender
{
    public string ChannelId => WeChatDefaults.ChannelId;

    public Task SendAsync(ConversationReference reference, IReadOnlyList<Activity> activities, CancellationToken cancellationToken) =>
        SendAsync(reference.UserId, WeChatReplyRenderer.Render(activities), skipChunks: 0, cancellationToken);

    /// <summary>Sends the chunks of a rendered reply from <paramref name="skipChunks"/> on (earlier ones went passively).</summary>
    public async Task SendAsync(string openId, WeChatReply reply, int skipChunks, CancellationToken cancellationToken)
    {
        choices.Remember(openId, reply.Choices);
        foreach (var chunk in reply.Chunks.Skip(skipChunks))
        {
            if (!await quota.TryConsumeAsync(openId, cancellationToken).ConfigureAwait(false))
            {
                LogQuotaExhausted(logger, PersonalData.MaskUserId(openId));
                throw new WeChatApiException(WeChatApiException.QuotaExhausted, "customer-service quota used up", "custom/send text");
            }

            await api.SendTextAsync(openId, chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer-service quota of {User} is used up; reply not sent")]
    private static partial void LogQuotaExhausted(ILogger logger, string user);
}
