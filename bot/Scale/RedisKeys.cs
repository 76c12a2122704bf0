namespace CitizenBot.Bot.Scale;

/// <summary>
/// Every key the bot keeps in Redis, in one place. Hash tags (<c>{…}</c>) keep the keys one Lua script touches in
/// one slot, so the scripts also run on a Redis Cluster.
/// </summary>
internal static class RedisKeys
{
    public static string State(string conversation) => $"cb:state:{{{conversation}}}";

    public static string Lock(string conversation) => $"cb:lock:{{{conversation}}}";

    public static string Fence(string conversation) => $"cb:fence:{{{conversation}}}";

    public static string LockQueue(string conversation) => $"cb:lockq:{{{conversation}}}";

    public static string LockWaiters(string conversation) => $"cb:lockw:{{{conversation}}}";

    public static string LockSequence(string conversation) => $"cb:lockseq:{{{conversation}}}";

    public const string LockReleased = "cb:lock-released";

    public static string Reference(string channelId, string userId) => $"cb:ref:{channelId}:{userId}";

    public static string DirectLineConversation(string id) => $"cb:dl:{{{id}}}:conversation";

    public static string DirectLineLog(string id) => $"cb:dl:{{{id}}}:log";

    public static string DirectLineClientIds(string id) => $"cb:dl:{{{id}}}:cids";

    /// <summary>All Direct Line logs' sizes (a hash: conversation → bytes), in one slot of their own.</summary>
    public const string DirectLineLogBytes = "cb:dl-logs:{dl-logs}:bytes";

    /// <summary>The conversations with a log by last append (a sorted set, milliseconds), in the same slot.</summary>
    public const string DirectLineLogIdle = "cb:dl-logs:{dl-logs}:idle";

    /// <summary>What all Direct Line logs hold together, in the same slot.</summary>
    public const string DirectLineLogTotal = "cb:dl-logs:{dl-logs}:total";

    public static string RateWindow(string key) => $"cb:rate:{key}";

    public const string DirectLineAppended = "cb:dl-appended";

    public static string WeChatToken(string appId) => $"cb:wx:token:{appId}";

    public static string WeChatTokenRefresh(string appId) => $"cb:wx:token-refresh:{appId}";

    public static string WeChatReplay(string triple) => $"cb:wx:replay:{triple}";

    public static string WeChatQuota(string openId) => $"cb:wx:quota:{openId}";

    public const string HangfirePrefix = "{cb-hangfire}:";
}
