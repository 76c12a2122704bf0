using Microsoft.Data.Sqlite;

namespace CitizenBot.Bot.Turns;

/// <summary>The embedded state store: one SQLite table in WAL mode under the data folder.</summary>
internal sealed class SqliteConversationStateStore : IConversationStateStore
{
    private readonly string _connectionString;

    public SqliteConversationStateStore(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS conversation_state (
                key TEXT PRIMARY KEY NOT NULL,
                data BLOB NOT NULL,
                version INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            """;
        command.ExecuteNonQuery();
    }

    public async Task<StoredState> LoadAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, version FROM conversation_state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new StoredState(null, 0);
        }

        return new StoredState((byte[])reader.GetValue(0), reader.GetInt64(1));
    }

    // One process: the in-process lock never lapses, so the version check alone is enough and the fence is not kept.
    public async Task<bool> TrySaveAsync(string key, byte[] data, long expectedVersion, long fencingToken, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = expectedVersion == 0
            ? "INSERT INTO conversation_state (key, data, version, updated_at) VALUES ($key, $data, 1, unixepoch()) ON CONFLICT (key) DO NOTHING"
            : "UPDATE conversation_state SET data = $data, version = version + 1, updated_at = unixepoch() WHERE key = $key AND version = $version";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$data", data);
        command.Parameters.AddWithValue("$version", expectedVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM conversation_state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
