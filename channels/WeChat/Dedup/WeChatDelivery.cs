using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.WeChat.Dedup;

/// <summary>
/// One inbound message and its single turn, shared by every delivery of it (WeChat re-sends after 5 s). Exactly one
/// way of answering wins: the passive reply of a delivery that saw the turn finish, or the customer-service API
/// once a delivery gave up waiting.
/// </summary>
internal sealed class WeChatDelivery(Task<WeChatTurnResult> turn, DateTimeOffset expires)
{
    private int _answer = (int)WeChatAnswer.None;

    public Task<WeChatTurnResult> Turn { get; } = turn;

    public DateTimeOffset Expires { get; } = expires;

    /// <summary>True when the replies go (or already went) in a passive reply, so a retry may repeat them.</summary>
    public bool TryAnswerPassively() =>
        Interlocked.CompareExchange(ref _answer, (int)WeChatAnswer.Passive, (int)WeChatAnswer.None) != (int)WeChatAnswer.CustomerService;

    /// <summary>True for the one caller that must now deliver the replies through the customer-service API.</summary>
    public bool TryHandOverToCustomerService() =>
        Interlocked.CompareExchange(ref _answer, (int)WeChatAnswer.CustomerService, (int)WeChatAnswer.None) == (int)WeChatAnswer.None;

    private enum WeChatAnswer
    {
        None,
        Passive,
        CustomerService,
    }
}

/// <summary>What a turn produced for the user: the replies, and whether they should be shown at all.</summary>
/// <param name="RanElsewhere">The turn ran on another instance that got an earlier delivery (shared dedup); that
/// instance answers the user, so this delivery answers <c>success</c> and sends nothing.</param>
internal sealed record WeChatTurnResult(IReadOnlyList<Activity> Replies, bool RanElsewhere = false)
{
    public static WeChatTurnResult Empty { get; } = new([]);
}
