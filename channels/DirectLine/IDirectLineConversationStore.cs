using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.DirectLine;

/// <summary>A conversation and the one user its tokens are bound to.</summary>
/// <param name="Erased">
/// The citizen erased it (删除我的信息): its log was emptied and every token for it is refused from then on; the bot
/// may still append its last replies for the stream that is open.
/// </param>
public sealed record DirectLineConversation(string Id, string UserId, bool Erased = false);

/// <summary>Activities after a watermark, as stored JSON, and the watermark that follows them.</summary>
public sealed record DirectLinePage(IReadOnlyList<string> Activities, int Watermark);

/// <summary>
/// The per-conversation activity log behind the server. In memory for one instance; a shared store (Redis list +
/// pub/sub) takes its place when several instances serve one site. The watermark is the count of entries ever
/// appended; a log keeps at most <see cref="DirectLineOptions.MaxLogEntries"/>, dropping the oldest.
/// </summary>
public interface IDirectLineConversationStore
{
    /// <summary>Creates the conversation unless it exists. True when it was created by this call.</summary>
    Task<bool> CreateAsync(DirectLineConversation conversation, CancellationToken cancellationToken);

    Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends to an existing conversation. Sets the activity's server <c>id</c> (unique across restarts) and its
    /// <c>timestamp</c> (strictly after the previous entry's, so replies sort after the message they answer).
    /// </summary>
    /// <returns>The new watermark.</returns>
    Task<int> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a user's activity unless one with the same <c>clientActivityID</c> is already in the conversation
    /// (DirectLineJS resends with the same one after a network error).
    /// </summary>
    /// <returns>Null when appended; otherwise the server id the first one got, and nothing is appended.</returns>
    Task<string?> AppendOnceAsync(string conversationId, Activity activity, string clientActivityId, CancellationToken cancellationToken);

    /// <summary>
    /// Empties the conversation's log (and its record of client ids) and marks it erased, so its tokens are refused.
    /// Later appends still work: the bot's confirmation reaches the stream that is open. Unknown ids are ignored.
    /// </summary>
    Task EraseAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Entries after <paramref name="watermark"/>. A watermark beyond the log comes from before a restart (the log
    /// was recreated since), so the whole recreated log is returned; its ids are new, so nothing seen is replaced.
    /// </summary>
    Task<DirectLinePage> ReadAsync(string conversationId, int watermark, CancellationToken cancellationToken);

    /// <summary>Waits until the log holds more than <paramref name="watermark"/> entries. False on timeout.</summary>
    Task<bool> WaitAsync(string conversationId, int watermark, TimeSpan timeout, CancellationToken cancellationToken);
}
