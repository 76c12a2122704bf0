using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Storage;

/// <summary>Where the embedded default keeps its data. Bound from the <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the SQLite database, keys and uploaded photos. <value>Default <c>data</c>, relative to the working directory.</value></summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// StackExchange.Redis connection string, e.g. <c>redis-1:6379,password=…</c>. Set (with <see cref="Postgres"/>)
    /// to run several instances: conversation state, locks, dedup, WeChat caches, rate limits, Direct Line streams
    /// and Hangfire move to Redis. <value>Empty: embedded, one process.</value>
    /// </summary>
    public string Redis { get; set; } = "";

    /// <summary>
    /// Npgsql connection string, e.g. <c>Host=db;Database=citizenbot;Username=citizenbot;Password=…</c>: tickets,
    /// bookings, grid workers and the outbox on PostgreSQL. <value>Empty: SQLite under <see cref="DataDirectory"/>.</value>
    /// </summary>
    public string Postgres { get; set; } = "";

    /// <summary>How long a Hangfire job fetched by an instance that died stays invisible before another instance runs it.
    /// <value>30 minutes (Hangfire.Redis's default); longer than any job runs.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan JobInvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Whether this instance runs a Hangfire server. Scaled out, <c>false</c> makes an instance that only answers
    /// citizens: it queues its jobs (pushes, notifications, checks) in Redis and the instances that run a server do them,
    /// so fewer job workers poll and wake for every job. At least one instance must keep it. <value>True. Embedded it
    /// must stay true: the jobs are kept in this process.</value>
    /// </summary>
    public bool JobServer { get; set; } = true;

    /// <summary>The data directory as an absolute path, created if missing.</summary>
    public string ResolveDataDirectory()
    {
        var path = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}
