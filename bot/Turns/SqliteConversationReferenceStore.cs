using System.Text.Json;
using BitFaster.Caching.Lru;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Turns;

/// <summary>The embedded reference store: one row per channel user in <see cref="SqliteTurnDatabase"/>.</summary>
internal sealed class SqliteConversationReferenceStore(SqliteTurnDatabase database) : IConversationReferenceStore
{
    internal const int CachedReferences = 4096;

    // Every turn reports its reference; only one that differs from the last written is written. Bounded: a user who
    // drops out of it is written once more on their next turn, which is harmless. Filled only by committed writes of
    // this process, which is every write in the embedded mode.
    private readonly FastConcurrentLru<(string Channel, string User), ConversationReference> _written = new(CachedReferences);

    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var key = (reference.ChannelId, reference.UserId);
        if (_written.TryGet(key, out var known) && known == reference)
        {
            return Task.CompletedTask;
        }

        var json = JsonSerializer.Serialize(reference, ActivityJson.Context.ConversationReference);
        return database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO conversation_reference (channel_id, user_id, reference, updated_at)
                    VALUES ($channel, $user, $reference, unixepoch())
                    ON CONFLICT (channel_id, user_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at
                    """;
                command.Parameters.AddWithValue("$channel", reference.ChannelId);
                command.Parameters.AddWithValue("$user", reference.UserId);
                command.Parameters.AddWithValue("$reference", json);
                return command.ExecuteNonQuery();
            },
            _ => _written.AddOrUpdate(key, reference),
            cancellationToken);
    }

    public async Task<ConversationReference?> FindAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        if (_written.TryGet((channelId, userId), out var known))
        {
            return known;
        }

        await using var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT reference FROM conversation_reference WHERE channel_id = $channel AND user_id = $user";
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$user", userId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize(json, ActivityJson.Context.ConversationReference)
            : null;
    }

    public Task DeleteAsync(string channelId, string userId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM conversation_reference WHERE channel_id = $channel AND user_id = $user";
                command.Parameters.AddWithValue("$channel", channelId);
                command.Parameters.AddWithValue("$user", userId);
                return command.ExecuteNonQuery();
            },
            _ => _written.TryRemove((channelId, userId)),
            cancellationToken);
}
