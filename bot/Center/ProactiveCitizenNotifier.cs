using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Center;

/// <summary>Sends center feedback as a bot message with quick-reply buttons through <see cref="ProactiveMessenger"/>.</summary>
internal sealed class ProactiveCitizenNotifier(ProactiveMessenger messenger) : ICitizenNotifier
{
    public Task<bool> NotifyAsync(string channelId, string userId, string text, IReadOnlyList<string> suggestedReplies, CancellationToken cancellationToken)
    {
        var message = Activity.CreateMessage(text);
        if (suggestedReplies.Count > 0)
        {
            message.SuggestedActions = new SuggestedActions { Actions = suggestedReplies.Select(r => CardAction.ImBack(r)).ToList() };
        }

        return messenger.SendAsync(channelId, userId, [message], cancellationToken);
    }
}
