using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Turns;

/// <summary>
/// Remembers which channel messages already ran, and their replies, so a redelivery (WeChat retries three times; a
/// client may resend) never runs the dialogs twice: it gets the first replies again (DESIGN §3).
/// </summary>
internal interface ITurnDeduplicator
{
    /// <summary>
    /// Claims <paramref name="messageKey"/>. Returns <c>null</c> when this caller is the first and must run the turn;
    /// otherwise the replies of the first run (waiting for them if it is still in progress).
    /// </summary>
    Task<IReadOnlyList<Activity>?> ClaimAsync(string messageKey, CancellationToken cancellationToken);

    /// <summary>Records the replies of a claimed message.</summary>
    Task CompleteAsync(string messageKey, IReadOnlyList<Activity> replies, CancellationToken cancellationToken);

    /// <summary>Releases a claim whose turn failed, so a redelivery may run it.</summary>
    Task AbandonAsync(string messageKey, CancellationToken cancellationToken);
}
