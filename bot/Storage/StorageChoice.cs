namespace CitizenBot.Bot.Storage;

/// <summary>
/// Where this bot keeps its data, decided once from <see cref="StorageOptions"/> before anything is registered:
/// embedded (SQLite files and memory, one process) or scaled out (PostgreSQL and Redis, several instances). Every
/// store is registered from it (<see cref="StorageHost.AddStorage"/>, <c>AddBackgroundJobs</c>), so no feature's
/// registration is replaced afterwards.
/// </summary>
internal sealed record StorageChoice
{
    private StorageChoice(string dataDirectory, string postgres, string redis, TimeSpan jobInvisibilityTimeout, bool runsJobServer)
    {
        DataDirectory = dataDirectory;
        Postgres = postgres;
        Redis = redis;
        JobInvisibilityTimeout = jobInvisibilityTimeout;
        RunsJobServer = runsJobServer;
    }

    /// <summary>Absolute data folder (keys, photos, uploads; the SQLite files when embedded).</summary>
    public string DataDirectory { get; }

    /// <summary>Npgsql connection string; empty: the EF model on SQLite under <see cref="DataDirectory"/>.</summary>
    public string Postgres { get; }

    /// <summary>StackExchange.Redis configuration; empty: one process, its hot state in memory and SQLite.</summary>
    public string Redis { get; }

    public TimeSpan JobInvisibilityTimeout { get; }

    /// <summary>This instance runs a Hangfire server (<see cref="StorageOptions.JobServer"/>).</summary>
    public bool RunsJobServer { get; }

    /// <summary>Several instances share Redis (and PostgreSQL): conversation state, locks, channel caches, jobs.</summary>
    public bool IsScaledOut => Redis.Length > 0;

    public bool UsesPostgres => Postgres.Length > 0;

    /// <summary>
    /// The choice the options make; refuses Redis without PostgreSQL (instances cannot share a SQLite file) and an
    /// embedded bot without its job server (nobody else would run its jobs).
    /// </summary>
    public static StorageChoice From(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var redis = options.Redis.Trim();
        var postgres = options.Postgres.Trim();
        if (redis.Length > 0 && postgres.Length == 0)
        {
            throw new InvalidOperationException("Storage:Redis is set but Storage:Postgres is not: several instances cannot share the SQLite file. Set both, or neither for one process.");
        }

        if (!options.JobServer && redis.Length == 0)
        {
            throw new InvalidOperationException("Storage:JobServer is false but Storage:Redis is not set: one process keeps its jobs in memory and must run them. Turn the job server off only on some of several instances.");
        }

        return new StorageChoice(options.ResolveDataDirectory(), postgres, redis, options.JobInvisibilityTimeout, options.JobServer);
    }

    /// <summary>The embedded default over <paramref name="dataDirectory"/>.</summary>
    public static StorageChoice Embedded(string dataDirectory) => From(new StorageOptions { DataDirectory = dataDirectory });
}
