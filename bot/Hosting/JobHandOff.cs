using Hangfire;

namespace CitizenBot.Bot.Hosting;

/// <summary>
/// Creates Hangfire jobs off the request's thread (<see cref="HandOffThread{T}"/>) for requests that need not wait for
/// them, in no particular order. A job that cannot be created (the storage away) is logged and left to the sweep that
/// finds its cause again.
/// </summary>
internal sealed partial class JobHandOff(IBackgroundJobClient jobs, ILogger<JobHandOff> logger)
    : HandOffThread<JobHandOff.Job>("CitizenBot job hand-off", Threads)
{
    /// <summary>
    /// One thread makes one round trip at a time: about a thousand jobs a second on a Redis that syncs every write, fewer
    /// than a busy instance's callbacks and simulated steps make.
    /// </summary>
    private const int Threads = 4;

    /// <param name="Create">Creates the job with the client given.</param>
    /// <param name="LostUntil">For the log when it fails: what finds the job's cause again.</param>
    internal readonly record struct Job(Func<IBackgroundJobClient, string> Create, string LostUntil);

    public void Create(Func<IBackgroundJobClient, string> create, string lostUntil) => Hand(new Job(create, lostUntil));

    protected override int Handle(Job job)
    {
        CreateOrLog(() => job.Create(jobs), logger, job.LostUntil);
        return 1;
    }

    /// <summary>Creates a job on the calling thread; the storage away (or stopping) is logged, never thrown.</summary>
    internal static void CreateOrLog(Func<string> create, ILogger logger, string lostUntil)
    {
        try
        {
            create();
        }
        catch (Exception e) when (e is BackgroundJobClientException or InvalidOperationException)
        {
            LogNotCreated(logger, e.InnerException?.GetType().Name ?? e.GetType().Name, lostUntil);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background job could not be created ({Error}); left to {LostUntil}")]
    private static partial void LogNotCreated(ILogger logger, string error, string lostUntil);
}
