namespace CitizenBot.Bot.Turns;

/// <summary>
/// Serialises the turns of one conversation: two messages of one user never run at once. Embedded, an
/// in-process keyed lock; scaled out, a Redis lock with a fencing token.
/// </summary>
internal interface IConversationLock
{
    ValueTask<IConversationLease> AcquireAsync(string key, CancellationToken cancellationToken);
}

/// <summary>One holding of a conversation's lock; disposing releases it.</summary>
internal interface IConversationLease : IAsyncDisposable
{
    /// <summary>
    /// Grows with every lease handed out for the key. A distributed lock can lapse while its holder is paused (GC,
    /// network); the state store then refuses that holder's write because a newer lease exists (fencing).
    /// </summary>
    long FencingToken { get; }

    /// <summary>
    /// The conversation's state read in the same round trip as the grant (scaled out: the lock script reads it), or
    /// <c>null</c> when this lock does not read it and the turn loads it from the store.
    /// </summary>
    StoredState? State { get; }
}
