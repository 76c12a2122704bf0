namespace CitizenBot.Bench;

/// <summary>Where the benchmarks that host the real bot find its folder (appsettings, assets).</summary>
internal static class BenchContentRoot
{
    /// <summary>With --artifacts-path outside the repo, WebApplicationFactory cannot find the bot's folder by itself.</summary>
    public static void Set()
    {
        var repo = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "CitizenBot.sln")))
        {
            repo = repo.Parent;
        }

        if (repo is not null)
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CITIZENBOT_BOT", Path.Combine(repo.FullName, "bot"));
        }
    }
}
