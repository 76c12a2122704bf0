namespace CitizenBot.Bot.Tests.TestData;

/// <summary>The storage of a bot scaled out on the throwaway servers tests/run-all.sh starts.</summary>
internal static class ScaledOutStorage
{
    /// <summary>A PostgreSQL database of its own and Redis database 15; fails with how to get the servers when there are none.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync()
    {
        var redis = Environment.GetEnvironmentVariable("CITIZENBOT_TEST_REDIS");
        if (string.IsNullOrEmpty(redis))
        {
            throw new InvalidOperationException("Needs a real Redis: run tests/run-all.sh (it starts one), or set CITIZENBOT_TEST_REDIS.");
        }

        return new Dictionary<string, string?>
        {
            ["Storage:Postgres"] = await ThrowawayPostgres.CreateDatabaseAsync(),
            ["Storage:Redis"] = $"{redis},defaultDatabase=15",
        };
    }
}
