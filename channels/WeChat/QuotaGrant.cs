namespace CitizenBot.Channels.WeChat;

/// <summary>Which customer-service allowance the inbound action opens.</summary>
public enum QuotaGrant
{
    None,
    UserMessage,
    MenuFollowOrScan,
}
