using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.Turns;
using CitizenBot.Dialogs;

namespace CitizenBot.Bot.Turns;

/// <summary>
/// Sends messages nobody asked for in this request (center feedback, reminders) to a user's latest conversation on a
/// channel, through that channel's own sender.
/// </summary>
internal sealed partial class ProactiveMessenger(
    IConversationReferenceStore references,
    IEnumerable<IChannelSender> senders,
    IServiceProvider services,
    ILogger<ProactiveMessenger> logger)
{
    /// <returns><c>false</c> when the user has no known conversation or the channel has no sender.</returns>
    public async Task<bool> SendAsync(string channelId, string userId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(channelId, userId, cancellationToken).ConfigureAwait(false);
        var sender = senders.FirstOrDefault(s => string.Equals(s.ChannelId, channelId, StringComparison.Ordinal));
        if (reference is null || sender is null)
        {
            LogUnreachable(logger, channelId, PersonalData.MaskUserId(userId));
            return false;
        }

        var addressed = activities.Select(a => reference.Address(a)).ToList();
        await KeepListedOptionsAsync(reference, addressed, cancellationToken).ConfigureAwait(false);
        await sender.SendAsync(reference, addressed, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Asks the citizen's open question again, with its buttons, after a message that arrived in the middle of it: a
    /// turn of the event <see cref="DialogBot.RepromptEventName"/> through the pipeline (so it is serialised with the
    /// citizen's own turns), its replies sent like any proactive message. Nothing is sent when no question is open.
    /// </summary>
    public async Task RepromptAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(channelId, userId, cancellationToken).ConfigureAwait(false);
        var sender = senders.FirstOrDefault(s => string.Equals(s.ChannelId, channelId, StringComparison.Ordinal));
        if (reference is null || sender is null)
        {
            return;
        }

        var turn = reference.ToInbound(ActivityTypes.Event);
        turn.Name = DialogBot.RepromptEventName;
        // Resolved here, not injected: the pipeline's own services reach the messenger (a cycle for the container).
        var outcome = await services.GetRequiredService<ITurnProcessor>().ProcessAsync(turn, cancellationToken).ConfigureAwait(false);
        if (outcome.Replies.Count > 0)
        {
            await sender.SendAsync(reference, [.. outcome.Replies.Select(a => reference.Address(a))], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// On a channel that lists options by number, a message with options is followed by a turn of the event
    /// <see cref="DialogBot.OptionsListedEventName"/>, so that the conversation's state keeps them and the citizen's
    /// "1" answers them, on whichever instance it arrives. Kept before the message goes, so no answer can beat it.
    /// </summary>
    private async Task KeepListedOptionsAsync(ConversationReference reference, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var options = SuggestedActions.ListedOptions(activities);
        if (options.Count == 0 || !DialogBot.ListsOptionsByNumber(reference.ChannelId))
        {
            return;
        }

        var turn = reference.ToInbound(ActivityTypes.Event);
        turn.Name = DialogBot.OptionsListedEventName;
        using var value = JsonDocument.Parse(new JsonArray([.. options.Select(o => JsonValue.Create(o))]).ToJsonString());
        turn.Value = value.RootElement.Clone();
        await services.GetRequiredService<ITurnProcessor>().ProcessAsync(turn, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No conversation or sender to reach {User} on {Channel}; message not sent")]
    private static partial void LogUnreachable(ILogger logger, string channel, string user);
}
