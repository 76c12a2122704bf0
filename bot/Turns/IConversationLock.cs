namespace CitizenBot.Bot.Turns;

/// <summary>
/// Serialises the turns of one conversation: two messages of one user never run at once (DESIGN §3). Embedded, an
/// in-process keyed lock; scaled out, a Redis lock with a fencing token.
/// </summary>
internal interface IConversationLock
{
    ValueTask<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken);
}
