using CitizenBot.Bot.Ticketing.Center;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenBot.Bot.Tests.Center;

public sealed class CenterDispatcherTests
{
    [Fact]
    public async Task EnqueueTicketPush_JobStorageAway_CallerNotFailedAndLaterPushesStillQueued()
    {
        var jobs = new RecordingJobClient(failFirst: 1);
        using var sut = new CenterDispatcher(jobs, NullLogger<CenterDispatcher>.Instance);

        sut.EnqueueTicketPush("ticket-1", urgent: false);
        sut.EnqueueTicketPush("ticket-2", urgent: true);

        await Eventually.TrueAsync(() => Task.FromResult(jobs.Created.Count == 1), "the second push queued");
        var queued = Assert.Single(jobs.Created);
        Assert.Equal("ticket-2", queued.Job.Args[0]);
        Assert.Equal(CenterDispatcher.UrgentQueue, queued.Job.Queue);
    }

    [Fact]
    public async Task NewTicketsHandedWhileAJobIsBeingQueued_GoInOneJobPerQueue_WithTheirPlacesChecked()
    {
        var jobs = new RecordingJobClient(failFirst: 0) { Gate = new ManualResetEventSlim() };
        using var sut = new CenterDispatcher(jobs, NullLogger<CenterDispatcher>.Instance);
        sut.EnqueueTicketPush("earlier", urgent: false);
        await Eventually.TrueAsync(() => Task.FromResult(jobs.Entered), "the first job being queued");

        sut.EnqueueNewTicket("t1", urgent: false, placed: true);
        sut.EnqueueNewTicket("t2", urgent: true, placed: false);
        sut.EnqueueNewTicket("t3", urgent: false, placed: false);
        Assert.Equal(4, sut.Waiting);
        jobs.Gate.Set();

        await Eventually.TrueAsync(() => Task.FromResult(sut.Waiting == 0), "every ticket queued");
        Assert.Equal(3, jobs.Created.Count);
        var urgent = Assert.Single(jobs.Created, c => c.Job.Queue == CenterDispatcher.UrgentQueue);
        Assert.Equal(nameof(NewTicketsJob), urgent.Job.Type.Name);
        Assert.Equal(["t2"], (string[])urgent.Job.Args[0]);
        Assert.Empty((string[])urgent.Job.Args[1]);
        var normal = Assert.Single(jobs.Created, c => c.Job.Type == typeof(NewTicketsJob) && c.Job.Queue == CenterDispatcher.DefaultQueue);
        Assert.Equal(["t1", "t3"], (string[])normal.Job.Args[0]);
        Assert.Equal(["t1"], (string[])normal.Job.Args[1]);
    }
}
