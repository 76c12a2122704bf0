using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.Turns;
using CitizenBot.Dialogs;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Bot.Turns;

/// <summary>
/// One turn, end to end: serialise per conversation → load state with its version and the conversation's
/// <see cref="TurnLedger"/> (scaled out, read by the lock's grant in the same round trip) → a message id the ledger holds already ran: its first replies again, dialogs not run
/// (dedup) → run the dialogs with replies buffered → save state and ledger together, only if the version is unchanged →
/// hand the replies back to the channel. A reply is never delivered for state that was not saved, and a message is
/// recorded as done exactly when its state is saved, so the dedup survives a crash and a restart: a redelivery either
/// finds its turn (and gets its replies) or runs it from the state it started from. A redelivery while the first
/// delivery is still running waits for the conversation lock and then finds the turn done.
/// Store failures (Redis or a database away for a moment) are retried for up to <see cref="StoreRetryBudget"/>;
/// after that the citizen gets the apology <see cref="Texts.TurnFailed"/>, never an error with the state half written.
/// </summary>
internal sealed partial class TurnPipeline(
    IDialogBot dialogs,
    IConversationStateStore states,
    IConversationLock locks,
    IConversationReferenceStore references,
    TimeProvider time,
    ILogger<TurnPipeline> logger) : ITurnProcessor
{
    /// <summary>A save that loses a version race re-runs the turn on fresh state; more than this means something is wrong.</summary>
    private const int MaxSaveAttempts = 3;

    /// <summary>
    /// How long one turn keeps retrying a store that fails (a Redis failover or restart takes a few seconds), counted
    /// from its first failure: the time the turn waited for the conversation's lock before (a redelivery waiting out
    /// the lease of an instance that died mid-turn) is not the store's failing and spends none of it.
    /// </summary>
    internal static readonly TimeSpan StoreRetryBudget = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstStoreRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestStoreRetryDelay = TimeSpan.FromSeconds(1);

    public async Task<TurnOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity is not { ChannelId: { Length: > 0 } channel, Conversation.Id: { Length: > 0 } conversation })
        {
            throw new ArgumentException("An inbound activity needs channelId and conversation.id; the channel adapter must set them.", nameof(activity));
        }

        var stateKey = ConversationStateKey.Of(channel, conversation);
        var retry = new StoreRetry(time);
        IConversationLease held;
        while (true)
        {
            try
            {
                held = await locks.AcquireAsync(stateKey, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                if (!await retry.WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    LogStoreUnavailable(logger, e, "lock", channel);
                    return new TurnOutcome([Address(activity, Dialogs.Cards.Markdown.Message(Texts.TurnFailed))], TurnStatus.Completed);
                }
            }
        }

        await using (held.ConfigureAwait(false))
        {
            return await RunAsync(stateKey, activity, held, retry, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TurnOutcome> RunAsync(string stateKey, Activity activity, IConversationLease lease, StoreRetry retry, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var messageId = activity.Id is { Length: > 0 } id ? id : null;
        for (var attempt = 1; ; attempt++)
        {
            StoredState stored;
            try
            {
                // Scaled out, the lock's script read the state with the grant: no load of its own on the first attempt.
                stored = attempt == 1 && lease.State is { } granted
                    ? granted
                    : await states.LoadAsync(stateKey, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                if (await retry.WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    attempt--;
                    continue;
                }

                LogStoreUnavailable(logger, e, "load", activity.ChannelId);
                return Failed(activity);
            }

            var ledger = TurnLedger.Read(stored.Turns);
            if (messageId is not null && ledger.TryFind(messageId, out var firstReplies))
            {
                LogDuplicate(logger, activity.ChannelId, PersonalData.MaskUserId(activity.From?.Id));
                return TurnOutcome.Duplicate([.. firstReplies.Select(reply => Address(activity, reply))]);
            }

            var state = stored.Data is null ? new ConversationState() : ConversationState.Deserialize(stored.Data);
            IReadOnlyList<Activity> replies;
            try
            {
                replies = await dialogs.OnTurnAsync(activity, state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The state of a failed turn is not saved: it runs again from where it was (the ticket submit is
                // idempotent, ReportSubmission.SubmissionId), or the user retries from there after the apology.
                if (IsStoreFailure(ex, cancellationToken) && await retry.WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    attempt--;
                    continue;
                }

                LogTurnFailed(logger, ex, activity.ChannelId, PersonalData.MaskUserId(activity.From?.Id));
                return Failed(activity);
            }

            // Stamped before the ledger keeps them, so a redelivery gets its first replies with their first times.
            var now = time.GetUtcNow();
            foreach (var reply in replies)
            {
                reply.Timestamp ??= now;
            }

            var data = state.Serialize();
            var turns = messageId is null ? null : ledger.Append(messageId, replies);
            switch (await SaveAsync(stateKey, data, turns, stored.Version, lease, messageId, retry, cancellationToken).ConfigureAwait(false))
            {
                case SaveResult.Saved:
                    await SaveReferenceAsync(activity, retry, cancellationToken).ConfigureAwait(false);
                    LogTurn(logger, activity.ChannelId, PersonalData.MaskUserId(activity.From?.Id), activity.Type, replies.Count, time.GetElapsedTime(started).TotalMilliseconds);
                    return new TurnOutcome([.. replies.Select(reply => Address(activity, reply))], TurnStatus.Completed);
                case SaveResult.StoreUnavailable:
                    return Failed(activity);
            }

            if (attempt == MaxSaveAttempts)
            {
                throw new InvalidOperationException($"Conversation state kept changing underneath the turn after {MaxSaveAttempts} attempts; is the conversation lock shared by every instance?");
            }

            LogVersionConflict(logger, activity.ChannelId, attempt);
        }
    }

    /// <summary>
    /// Saves state and ledger. A failed write may still have reached the store (a timeout after Redis applied it), so
    /// after a failure the stored ledger is read: holding this message, the save happened; at the version read, it
    /// did not, and it is tried again; anything else is a version conflict.
    /// </summary>
    private async Task<SaveResult> SaveAsync(
        string stateKey, byte[] data, byte[]? turns, long version, IConversationLease lease, string? messageId, StoreRetry retry, CancellationToken cancellationToken)
    {
        var unsure = false;
        while (true)
        {
            try
            {
                if (unsure)
                {
                    var now = await states.LoadAsync(stateKey, cancellationToken).ConfigureAwait(false);
                    // Nobody else writes while this turn holds the lock (fencing), so the next version is this write.
                    if (now.Version == version + 1 && (messageId is null || TurnLedger.Read(now.Turns).TryFind(messageId, out _)))
                    {
                        return SaveResult.Saved;
                    }

                    if (now.Version != version)
                    {
                        return SaveResult.Conflict;
                    }
                }

                return await states.TrySaveAsync(stateKey, data, turns, version, lease, cancellationToken).ConfigureAwait(false)
                    ? SaveResult.Saved
                    : SaveResult.Conflict;
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                unsure = true;
                if (!await retry.WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    LogStoreUnavailable(logger, e, "save", null);
                    return SaveResult.StoreUnavailable;
                }
            }
        }
    }

    /// <summary>The address for proactive messages; a failure here costs nothing the next turn does not put right.</summary>
    private async Task SaveReferenceAsync(Activity activity, StoreRetry retry, CancellationToken cancellationToken)
    {
        if (ConversationReference.FromActivity(activity) is not { } reference)
        {
            return;
        }

        while (true)
        {
            try
            {
                await references.SaveAsync(reference, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                if (!await retry.WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    LogStoreUnavailable(logger, e, "reference", activity.ChannelId);
                    return;
                }
            }
        }
    }

    private static TurnOutcome Failed(Activity activity) =>
        new([Address(activity, Dialogs.Cards.Markdown.Message(Texts.TurnFailed))], TurnStatus.Completed);

    /// <summary>
    /// Redis, SQLite or PostgreSQL away or timing out: worth another try, unlike a bug. Hangfire's client wraps the Redis
    /// timeout of a job queued during the turn (after a ticket's commit): the turn runs again and finds its ticket.
    /// </summary>
    private static bool IsStoreFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (exception is StackExchange.Redis.RedisException or TimeoutException or System.Data.Common.DbException
                or Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException
            || (exception is Hangfire.BackgroundJobClientException { InnerException: { } inner } && IsStoreFailure(inner, cancellationToken)));

    /// <summary>A reply travels back along the inbound activity's conversation, in Chinese unless the inbound said otherwise.</summary>
    private static Activity Address(Activity inbound, Activity reply)
    {
        inbound.AddressReply(reply);
        reply.Locale ??= "zh-CN";
        return reply;
    }

    private enum SaveResult
    {
        Saved,
        Conflict,
        StoreUnavailable,
    }

    /// <summary>Backoff within one turn's <see cref="StoreRetryBudget"/>, from the turn's first store failure on.</summary>
    private sealed class StoreRetry(TimeProvider time)
    {
        private long? _firstFailure;
        private TimeSpan _delay = FirstStoreRetryDelay;

        /// <returns>False when the budget is spent.</returns>
        public async Task<bool> WaitAsync(CancellationToken cancellationToken)
        {
            _firstFailure ??= time.GetTimestamp();
            if (time.GetElapsedTime(_firstFailure.Value) + _delay > StoreRetryBudget)
            {
                return false;
            }

            await Task.Delay(_delay, time, cancellationToken).ConfigureAwait(false);
            _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, LongestStoreRetryDelay.Ticks));
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn on {Channel} for {User}: {Type}, {Replies} replies in {Milliseconds:F1} ms")]
    private static partial void LogTurn(ILogger logger, string? channel, string user, string? type, int replies, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate delivery on {Channel} for {User}; first replies returned, dialogs not run")]
    private static partial void LogDuplicate(ILogger logger, string? channel, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State version conflict on {Channel} (attempt {Attempt}); re-running the turn on fresh state")]
    private static partial void LogVersionConflict(ILogger logger, string? channel, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on {Channel} for {User}; state not saved")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? channel, string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "A store stayed unavailable through the turn's retries ({Step}) on {Channel}; the citizen got the apology")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string step, string? channel);
}
