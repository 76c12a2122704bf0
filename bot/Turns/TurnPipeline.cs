using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.Turns;
using CitizenBot.Dialogs;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Bot.Turns;

/// <summary>
/// One turn, end to end (DESIGN §3): dedup by the channel's message id → serialise per conversation → load state with
/// its version → run the dialogs with replies buffered → save state only if the version is unchanged → hand the replies
/// back to the channel. A reply is never delivered for state that was not saved.
/// </summary>
internal sealed partial class TurnPipeline(
    IDialogBot dialogs,
    IConversationStateStore states,
    IConversationLock locks,
    ITurnDeduplicator deduplicator,
    IConversationReferenceStore references,
    TimeProvider time,
    ILogger<TurnPipeline> logger) : ITurnProcessor
{
    /// <summary>A save that loses a version race re-runs the turn on fresh state; more than this means something is wrong.</summary>
    private const int MaxSaveAttempts = 3;

    public async Task<TurnOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity is not { ChannelId: { Length: > 0 } channel, Conversation.Id: { Length: > 0 } conversation })
        {
            throw new ArgumentException("An inbound activity needs channelId and conversation.id; the channel adapter must set them.", nameof(activity));
        }

        var stateKey = $"{channel}:{conversation}";
        var messageKey = activity.Id is { Length: > 0 } id ? $"{stateKey}:{id}" : null;
        if (messageKey is not null && await deduplicator.ClaimAsync(messageKey, cancellationToken).ConfigureAwait(false) is { } firstReplies)
        {
            LogDuplicate(logger, channel, PersonalData.MaskUserId(activity.From?.Id));
            return TurnOutcome.Duplicate(firstReplies);
        }

        try
        {
            var replies = await RunSerialisedAsync(stateKey, activity, cancellationToken).ConfigureAwait(false);
            if (messageKey is not null)
            {
                await deduplicator.CompleteAsync(messageKey, replies, cancellationToken).ConfigureAwait(false);
            }

            return new TurnOutcome(replies, TurnStatus.Completed);
        }
        catch
        {
            if (messageKey is not null)
            {
                await deduplicator.AbandonAsync(messageKey, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<IReadOnlyList<Activity>> RunSerialisedAsync(string stateKey, Activity activity, CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync(stateKey, cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var stored = await states.LoadAsync(stateKey, cancellationToken).ConfigureAwait(false);
            var state = stored.Data is null ? new ConversationState() : ConversationState.Deserialize(stored.Data);
            IReadOnlyList<Activity> replies;
            try
            {
                replies = await dialogs.OnTurnAsync(activity, state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The state of a failed turn is not saved: the user retries from where they were.
                LogTurnFailed(logger, ex, activity.ChannelId, PersonalData.MaskUserId(activity.From?.Id));
                return [Address(activity, Activity.CreateMessage(Texts.TurnFailed))];
            }

            if (await states.TrySaveAsync(stateKey, state.Serialize(), stored.Version, held.FencingToken, cancellationToken).ConfigureAwait(false))
            {
                if (ConversationReference.FromActivity(activity) is { } reference)
                {
                    await references.SaveAsync(reference, cancellationToken).ConfigureAwait(false);
                }

                LogTurn(logger, activity.ChannelId, PersonalData.MaskUserId(activity.From?.Id), activity.Type, replies.Count, time.GetElapsedTime(started).TotalMilliseconds);
                return [.. replies.Select(reply => Address(activity, reply))];
            }

            if (attempt == MaxSaveAttempts)
            {
                throw new InvalidOperationException($"Conversation state kept changing underneath the turn after {MaxSaveAttempts} attempts; is the conversation lock shared by every instance?");
            }

            LogVersionConflict(logger, activity.ChannelId, attempt);
        }
    }

    /// <summary>Fills what a reply needs to travel back along the inbound activity's conversation.</summary>
    private static Activity Address(Activity inbound, Activity reply)
    {
        reply.Type ??= ActivityTypes.Message;
        reply.ChannelId = inbound.ChannelId;
        reply.ServiceUrl ??= inbound.ServiceUrl;
        reply.Conversation ??= inbound.Conversation;
        reply.From ??= inbound.Recipient ?? new ChannelAccount("citizenbot", "CitizenBot", RoleTypes.Bot);
        reply.From.Role ??= RoleTypes.Bot;
        reply.Recipient ??= inbound.From;
        reply.ReplyToId ??= inbound.Id;
        reply.Locale ??= inbound.Locale ?? "zh-CN";
        return reply;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn on {Channel} for {User}: {Type}, {Replies} replies in {Milliseconds:F1} ms")]
    private static partial void LogTurn(ILogger logger, string? channel, string user, string? type, int replies, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate delivery on {Channel} for {User}; first replies returned, dialogs not run")]
    private static partial void LogDuplicate(ILogger logger, string channel, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State version conflict on {Channel} (attempt {Attempt}); re-running the turn on fresh state")]
    private static partial void LogVersionConflict(ILogger logger, string? channel, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on {Channel} for {User}; state not saved")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? channel, string user);
}
