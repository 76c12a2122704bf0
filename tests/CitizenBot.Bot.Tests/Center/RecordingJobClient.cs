using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>A Hangfire client that keeps the jobs it is given and runs none; it can fail its first calls or make them wait.</summary>
internal sealed class RecordingJobClient(int failFirst = 0) : IBackgroundJobClient
{
    private int _calls;

    public List<(Job Job, IState State)> Created { get; } = [];

    /// <summary>When set, every call waits for it (a slow storage); <see cref="Entered"/> says one is waiting.</summary>
    public ManualResetEventSlim? Gate { get; init; }

    public bool Entered { get; private set; }

    public string Create(Job job, IState state)
    {
        Entered = true;
        Gate?.Wait();
        if (Interlocked.Increment(ref _calls) <= failFirst)
        {
            throw new BackgroundJobClientException("storage away", new TimeoutException());
        }

        lock (Created)
        {
            Created.Add((job, state));
        }

        return "job-" + _calls;
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;

    /// <summary>The first arguments (the tickets) of the jobs scheduled for later that call <paramref name="method"/>.</summary>
    public List<string> Scheduled(string method)
    {
        lock (Created)
        {
            return [.. Created.Where(c => c.State is ScheduledState && c.Job.Method.Name == method).Select(c => (string)c.Job.Args[0])];
        }
    }
}
