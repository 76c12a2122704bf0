using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.Turns;

namespace CitizenBot.Bot.Turns;

/// <summary>
/// Sends messages nobody asked for in this request (center feedback, reminders) to a user's latest conversation on a
/// channel, through that channel's own sender.
/// </summary>
internal sealed partial class ProactiveMessenger(
    IConversationReferenceStore references,
    IEnumerable<IChannelSender> senders,
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
        await sender.SendAsync(reference, addressed, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No conversation or sender to reach {User} on {Channel}; message not sent")]
    private static partial void LogUnreachable(ILogger logger, string channel, string user);
}
