using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Cards;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// Sends center feedback as a bot message with quick-reply buttons through <see cref="ProactiveMessenger"/>; then the
/// question the citizen had open is asked again, with its buttons, so the update does not leave them guessing.
/// </summary>
internal sealed class ProactiveCitizenNotifier(ProactiveMessenger messenger) : ICitizenNotifier
{
    public Task<bool> NotifyAsync(string channelId, string userId, string text, IReadOnlyList<string> suggestedReplies, CancellationToken cancellationToken)
    {
        var message = Markdown.Message(text);
        if (suggestedReplies.Count > 0)
        {
            message.SuggestedActions = new SuggestedActions { Actions = [.. suggestedReplies.Select(r => CardAction.ImBack(r))] };
        }

        return NotifyAsync(channelId, userId, message, cancellationToken);
    }

    public async Task<bool> NotifyAsync(string channelId, string userId, Activity message, CancellationToken cancellationToken)
    {
        if (!await messenger.SendAsync(channelId, userId, [message], cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // A message with its own buttons is itself the question now; otherwise the open one is asked again.
        if (message.SuggestedActions is not { Actions.Count: > 0 })
        {
            await messenger.RepromptAsync(channelId, userId, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
