using BitFaster.Caching.Lru;

namespace CitizenBot.Bot.Turns;

/// <summary>
/// The embedded state store: one row per conversation in <see cref="SqliteTurnDatabase"/>, written by group commit.
/// </summary>
internal sealed class SqliteConversationStateStore(SqliteTurnDatabase database) : IConversationStateStore
{
    /// <summary>Enough for every conversation that is mid-flow at the measured peak, with room; older ones are read from disk.</summary>
    internal const int CachedConversations = 4096;

    // The latest saved bytes and version of recently active conversations, filled only by this store's own committed
    // writes. Correct because the embedded mode is one process and every write to the file goes through it; the
    // scaled-out stores (bot/Scale) have no such cache.
    private readonly FastConcurrentLru<string, StoredState> _latest = new(CachedConversations);

    public async Task<StoredState> LoadAsync(string key, CancellationToken cancellationToken)
    {
        if (_latest.TryGet(key, out var cached))
        {
            return cached;
        }

        await using var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, version, turns FROM conversation_state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredState((byte[])reader.GetValue(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2))
            : new StoredState(null, 0);
    }

    // One process: the in-process lock never lapses, so the version check alone is enough and the fence is not kept.
    // The ledger goes in the same row and the same transaction as the state: recorded exactly when the state is.
    public Task<bool> TrySaveAsync(string key, byte[] data, byte[]? turns, long expectedVersion, IConversationLease lease, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = expectedVersion == 0
                    ? "INSERT INTO conversation_state (key, data, version, updated_at, turns) VALUES ($key, $data, 1, unixepoch(), $turns) ON CONFLICT (key) DO NOTHING"
                    : "UPDATE conversation_state SET data = $data, version = version + 1, updated_at = unixepoch(), turns = coalesce($turns, turns) WHERE key = $key AND version = $version";
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.AddWithValue("$data", data);
                command.Parameters.AddWithValue("$turns", (object?)turns ?? DBNull.Value);
                command.Parameters.AddWithValue("$version", expectedVersion);
                return command.ExecuteNonQuery() == 1;
            },
            saved =>
            {
                if (saved)
                {
                    // Without a new ledger the cached one may be stale; the next load reads the row.
                    if (turns is null)
                    {
                        _latest.TryRemove(key);
                    }
                    else
                    {
                        _latest.AddOrUpdate(key, new StoredState(data, expectedVersion + 1, turns));
                    }
                }
                else
                {
                    _latest.TryRemove(key);
                }
            },
            cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM conversation_state WHERE key = $key";
                command.Parameters.AddWithValue("$key", key);
                return command.ExecuteNonQuery();
            },
            _ => _latest.TryRemove(key),
            cancellationToken);
}
