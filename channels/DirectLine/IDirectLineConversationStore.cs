using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.DirectLine;

/// <summary>A conversation and the one user its tokens are bound to.</summary>
internal sealed record DirectLineConversation(string Id, string UserId);

/// <summary>Activities after a watermark, as stored JSON, and the watermark that follows them.</summary>
internal sealed record DirectLinePage(IReadOnlyList<string> Activities, int Watermark);

/// <summary>
/// The per-conversation activity log behind the server. In memory for one instance; a shared store (Redis list +
/// pub/sub) takes its place when several instances serve one site. The watermark is the count of entries (brief §3).
/// </summary>
internal interface IDirectLineConversationStore
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
    /// Entries after <paramref name="watermark"/>. A watermark beyond the log comes from before a restart (the log
    /// was recreated since), so the whole recreated log is returned; its ids are new, so nothing seen is replaced.
    /// </summary>
    Task<DirectLinePage> ReadAsync(string conversationId, int watermark, CancellationToken cancellationToken);

    /// <summary>Waits until the log holds more than <paramref name="watermark"/> entries. False on timeout.</summary>
    Task<bool> WaitAsync(string conversationId, int watermark, TimeSpan timeout, CancellationToken cancellationToken);
}
