using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// Delivers a message to a citizen outside any request (center feedback, rating requests). The default implementation
/// sends through the proactive messenger to the user's latest conversation on the ticket's channel.
/// </summary>
public interface ICitizenNotifier
{
    /// <param name="suggestedReplies">Quick replies to offer (e.g. “评价 &lt;number&gt;” after a resolved ticket); may be empty.</param>
    /// <returns><c>false</c> when the user cannot be reached on that channel now.</returns>
    Task<bool> NotifyAsync(string channelId, string userId, string text, IReadOnlyList<string> suggestedReplies, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers a prepared message (a card with its text fallback, markdown links, quick replies). A notifier that only
    /// knows text gets the text a reader would see and the quick replies.
    /// </summary>
    Task<bool> NotifyAsync(string channelId, string userId, Activity message, CancellationToken cancellationToken) =>
        NotifyAsync(channelId, userId, TextOf(message), RepliesOf(message), cancellationToken);

    /// <summary>The text a reader sees of a prepared message: its markdown links as their labels.</summary>
    internal static string TextOf(Activity message) =>
        message.TextFormat == TextFormats.Markdown ? Dialogs.Cards.Markdown.ToPlain(message.Text ?? string.Empty) : message.Text ?? string.Empty;

    /// <summary>The titles of a prepared message's quick replies.</summary>
    internal static IReadOnlyList<string> RepliesOf(Activity message) =>
        [.. message.SuggestedActions?.Actions.Select(a => a.Title ?? string.Empty) ?? []];
}
