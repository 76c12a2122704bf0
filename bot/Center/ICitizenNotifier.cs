namespace CitizenBot.Bot.Center;

/// <summary>
/// Delivers a message to a citizen outside any request (center feedback, rating requests). The default implementation
/// sends through the proactive messenger to the user's latest conversation on the ticket's channel.
/// </summary>
public interface ICitizenNotifier
{
    /// <param name="suggestedReplies">Quick replies to offer (e.g. “评价 &lt;number&gt;” after a resolved ticket); may be empty.</param>
    /// <returns><c>false</c> when the user cannot be reached on that channel now.</returns>
    Task<bool> NotifyAsync(string channelId, string userId, string text, IReadOnlyList<string> suggestedReplies, CancellationToken cancellationToken);
}
