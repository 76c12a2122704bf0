using System.Text.Json;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>Each user's latest conversation, shared, so any instance can send the center's feedback or a reminder.</summary>
internal sealed class RedisConversationReferenceStore(IConnectionMultiplexer redis) : IConversationReferenceStore
{
    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(
            RedisKeys.Reference(reference.ChannelId, reference.UserId), JsonSerializer.Serialize(reference, ActivityJson.Context.ConversationReference));

    public async Task<ConversationReference?> FindAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        var json = (string?)await redis.GetDatabase().StringGetAsync(RedisKeys.Reference(channelId, userId)).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize(json, ActivityJson.Context.ConversationReference);
    }

    public Task DeleteAsync(string channelId, string userId, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(RedisKeys.Reference(channelId, userId));
}
