using Npgsql;

namespace CitizenBot.Bot.Tests.TestData;

/// <summary>A database of its own on the PostgreSQL server tests/run-all.sh starts, so no two tests or runs share rows.</summary>
internal static class ThrowawayPostgres
{
    /// <summary>Creates an empty database and returns its connection string; fails with how to get a server when there is none.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("CITIZENBOT_TEST_POSTGRES");
        if (string.IsNullOrEmpty(postgres))
        {
            throw new InvalidOperationException("Needs a real PostgreSQL: run tests/run-all.sh (it starts one), or set CITIZENBOT_TEST_POSTGRES.");
        }

        var database = "cb_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
    }
}
