using CitizenBot.Bot.Ticketing.Center;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenBot.Bot.Tests.Center;

public sealed class CenterDispatcherTests
{
    [Fact]
    public async Task EnqueueTicketPush_JobStorageAway_CallerNotFailedAndLaterPushesStillQueued()
    {
        var jobs = new FlakyJobClient(failFirst: 1);
        using var sut = new CenterDispatcher(jobs, NullLogger<CenterDispatcher>.Instance);

        sut.EnqueueTicketPush("ticket-1", urgent: false);
        sut.EnqueueTicketPush("ticket-2", urgent: true);

        await Eventually.TrueAsync(() => Task.FromResult(jobs.Created.Count == 1), "the second push queued");
        var queued = Assert.Single(jobs.Created);
        Assert.Equal("ticket-2", queued.Job.Args[0]);
        Assert.Equal(CenterDispatcher.UrgentQueue, queued.Job.Queue);
    }

    private sealed class FlakyJobClient(int failFirst) : IBackgroundJobClient
    {
        private int _calls;

        public List<(Job Job, IState State)> Created { get; } = [];

        public string Create(Job job, IState state)
        {
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
    }
}
