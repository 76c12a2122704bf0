namespace CitizenBot.Channels.WeChat;

/// <summary>Defaults and protocol limits of the WeChat channel, with the reason for each (docs/wechat.md, Limits).</summary>
public static class WeChatDefaults
{
    public const string ChannelId = "wechat";
    public const string Route = "/wechat";
    public const string ApiBaseUrl = "https://api.weixin.qq.com";

    /// <summary>WeChat gives up on a POST after 5 s; leave room for the network.</summary>
    public static readonly TimeSpan ReplyBudget = TimeSpan.FromSeconds(4.5);

    /// <summary>|now − timestamp| allowed; WeChat's own retries arrive within about 15 s.</summary>
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromSeconds(300);

    /// <summary>How long a delivery is remembered for dedup and replay: beyond both windows above.</summary>
    public static readonly TimeSpan DedupLifetime = TimeSpan.FromMinutes(11);

    /// <summary>How often the in-memory dedup ledger and replay guard sweep out expired entries.</summary>
    public static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(10);

    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Text per message, in UTF-8 bytes, passive or customer-service (Senparc splits at 2048 too).</summary>
    public const int MaxTextBytes = 2048;

    /// <summary>
    /// Customer-service messages an inbound message allows, and for how long: 5 in 48 hours after a user
    /// message, 3 in a minute after a menu click, a follow or a QR scan, none otherwise.
    /// </summary>
    public static (int Count, TimeSpan Window) QuotaFor(QuotaGrant grant) => grant switch
    {
        QuotaGrant.UserMessage => (5, TimeSpan.FromHours(48)),
        QuotaGrant.MenuFollowOrScan => (3, TimeSpan.FromMinutes(1)),
        _ => (0, TimeSpan.Zero),
    };
}
