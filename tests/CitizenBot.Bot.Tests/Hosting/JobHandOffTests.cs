using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Tests.Center;
using Hangfire;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenBot.Bot.Tests.Hosting;

public sealed class JobHandOffTests
{
    [Fact]
    public async Task JobsHandedWhileTheStorageIsSlow_CallerReturnsAtOnce_AndThemCreatedInOrderOffThePool()
    {
        var jobs = new RecordingJobClient { Gate = new ManualResetEventSlim() };
        using var sut = new JobHandOff(jobs, NullLogger<JobHandOff>.Instance);
        var onPool = new List<bool>();

        for (var i = 1; i <= 3; i++)
        {
            var ticket = "ticket-" + i;
            sut.Create(client => { onPool.Add(Thread.CurrentThread.IsThreadPoolThread); return client.Enqueue(() => Console.WriteLine(ticket)); }, "a test");
        }

        Assert.Equal(3, sut.Waiting);
        await Eventually.TrueAsync(() => Task.FromResult(jobs.Entered), "the first job being created");
        Assert.Empty(jobs.Created);
        jobs.Gate.Set();

        await Eventually.TrueAsync(() => Task.FromResult(sut.Waiting == 0), "every job created");
        Assert.Equal(["ticket-1", "ticket-2", "ticket-3"], jobs.Created.Select(c => (string)c.Job.Args[0]));
        Assert.Equal([false, false, false], onPool);
    }

    [Fact]
    public async Task AJobThatCannotBeCreated_StorageAway_IsLeft_AndLaterJobsAreStillCreated()
    {
        var jobs = new RecordingJobClient(failFirst: 1);
        using var sut = new JobHandOff(jobs, NullLogger<JobHandOff>.Instance);

        sut.Create(client => client.Enqueue(() => Console.WriteLine("lost")), "a test");
        sut.Create(client => client.Enqueue(() => Console.WriteLine("kept")), "a test");

        await Eventually.TrueAsync(() => Task.FromResult(sut.Waiting == 0), "both handled");
        Assert.Equal("kept", (string)Assert.Single(jobs.Created).Job.Args[0]);
    }
}
