using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Turns;

/// <summary>The latest conversation of each user on each channel, so feedback and reminders can reach them later.</summary>
internal interface IConversationReferenceStore
{
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken);

    Task<ConversationReference?> FindAsync(string channelId, string userId, CancellationToken cancellationToken);

    Task DeleteAsync(string channelId, string userId, CancellationToken cancellationToken);
}
