using System.Collections.Concurrent;
using System.Text.Json;
using CitizenBot.Channels.Activities;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Bot.Turns;

internal sealed class SqliteConversationReferenceStore : IConversationReferenceStore
{
    private readonly string _connectionString;

    // Every turn reports its reference; only a changed one is written.
    private readonly ConcurrentDictionary<(string Channel, string User), ConversationReference> _written = new();

    public SqliteConversationReferenceStore(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS conversation_reference (
                channel_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                reference TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (channel_id, user_id)
            );
            """;
        command.ExecuteNonQuery();
    }

    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var key = (reference.ChannelId, reference.UserId);
        if (_written.TryGetValue(key, out var known) && known == reference)
        {
            return;
        }

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO conversation_reference (channel_id, user_id, reference, updated_at)
            VALUES ($channel, $user, $reference, unixepoch())
            ON CONFLICT (channel_id, user_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$channel", reference.ChannelId);
        command.Parameters.AddWithValue("$user", reference.UserId);
        command.Parameters.AddWithValue("$reference", JsonSerializer.Serialize(reference, ActivityJson.Context.ConversationReference));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _written[key] = reference;
    }

    public async Task<ConversationReference?> FindAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT reference FROM conversation_reference WHERE channel_id = $channel AND user_id = $user";
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$user", userId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize(json, ActivityJson.Context.ConversationReference)
            : null;
    }

    public async Task DeleteAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM conversation_reference WHERE channel_id = $channel AND user_id = $user";
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$user", userId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _written.TryRemove((channelId, userId), out _);
    }
}
