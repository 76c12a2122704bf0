namespace CitizenBot.Bot.Turns;

/// <summary>
/// Conversation state as versioned bytes, with the conversation's <see cref="TurnLedger"/> beside it. A write names the
/// version it read; it succeeds only if nobody wrote in between, so two turns can never silently overwrite each other
/// (last-write-wins is the bug this prevents). State and ledger are written together, atomically.
/// </summary>
internal interface IConversationStateStore
{
    Task<StoredState> LoadAsync(string key, CancellationToken cancellationToken);

    /// <param name="turns">The ledger to keep with the state (<see cref="TurnLedger.Append"/>), or <c>null</c> to keep the stored one.</param>
    /// <param name="lease">The lease under which the turn ran; a store shared by several instances refuses the write
    /// when a newer lease was handed out since (the lock lapsed, <see cref="IConversationLease.FencingToken"/>), an
    /// in-process store may ignore it. A store on the lock's own server may release the lease in the same write when
    /// it succeeds (scaled out: one script saves and releases); disposing the lease then sends nothing more.</param>
    /// <returns><c>false</c> when the stored version is no longer <paramref name="expectedVersion"/> or the lease is stale.</returns>
    Task<bool> TrySaveAsync(string key, byte[] data, byte[]? turns, long expectedVersion, IConversationLease lease, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <param name="Data">The saved bytes, or <c>null</c> when nothing was saved yet.</param>
/// <param name="Version">0 when nothing was saved yet; increases by one on every write.</param>
/// <param name="Turns">The saved <see cref="TurnLedger"/> bytes, or <c>null</c>.</param>
internal readonly record struct StoredState(byte[]? Data, long Version, byte[]? Turns = null);
