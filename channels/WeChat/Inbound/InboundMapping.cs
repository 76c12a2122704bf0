using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.WeChat.Inbound;

/// <summary>What one inbound message becomes: a turn to run, a reply the channel gives itself, or nothing.</summary>
internal sealed record InboundMapping(Activity? Activity, string? DirectReply, QuotaGrant Grant)
{
    public static InboundMapping Turn(Activity activity, QuotaGrant grant) => new(activity, null, grant);

    public static InboundMapping Reply(string text, QuotaGrant grant) => new(null, text, grant);

    public static InboundMapping Nothing { get; } = new(null, null, QuotaGrant.None);
}
