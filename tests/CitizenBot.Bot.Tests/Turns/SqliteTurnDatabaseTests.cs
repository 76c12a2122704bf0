using CitizenBot.Bot.Tests.Center;
using CitizenBot.Bot.Turns;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Bot.Tests.Turns;

/// <summary>The embedded turn database keeps its write-ahead log copied into the database file without the writer.</summary>
public sealed class SqliteTurnDatabaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citizenbot-turndb-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task WritesWellUnderTheWritersCheckpoint_ReachTheDatabaseFileByTheBackgroundCheckpoint()
    {
        var path = Path.Combine(_folder, "state.db");
        using var database = new SqliteTurnDatabase(path);
        var before = new FileInfo(path).Length;

        // About 2 MB of state: 500 pages of log, far below the writer's own automatic checkpoint (16 384 pages).
        for (var i = 0; i < 200; i++)
        {
            var key = $"c{i}";
            await database.WriteAsync(
                connection =>
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "INSERT INTO conversation_state (key, data, version, updated_at) VALUES ($key, $data, 1, 0)";
                    command.Parameters.AddWithValue("$key", key);
                    command.Parameters.AddWithValue("$data", new byte[10_000]);
                    return command.ExecuteNonQuery();
                },
                committed: null,
                CancellationToken.None);
        }

        await Eventually.TrueAsync(() => Task.FromResult(new FileInfo(path).Length > before + 1_500_000), "the log copied into the database file");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
