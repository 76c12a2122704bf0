namespace CitizenBot.Channels.WeChat.Replies;

/// <summary>
/// The customer-service allowance per user: 5 messages in the 48 h after a user message, 3 in the
/// minute after a menu click, a follow or a scan. Counted here so we stop before WeChat answers 45047.
/// </summary>
public interface IWeChatCustomerServiceQuota
{
    ValueTask GrantAsync(string openId, QuotaGrant grant, CancellationToken cancellationToken);

    ValueTask<bool> TryConsumeAsync(string openId, CancellationToken cancellationToken);
}
