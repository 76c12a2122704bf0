using System.Collections.Concurrent;
using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Tests.Center;
using Hangfire;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenBot.Bot.Tests.Hosting;

public sealed class JobHandOffTests
{
    [Fact]
    public async Task JobsHandedWhileTheStorageIsSlow_CallerReturnsAtOnce_AndAllAreCreatedOffThePool()
    {
        var jobs = new RecordingJobClient { Gate = new ManualResetEventSlim() };
        using var sut = new JobHandOff(jobs, NullLogger<JobHandOff>.Instance);
        var onPool = new ConcurrentBag<bool>();

        for (var i = 1; i <= 6; i++)
        {
            var ticket = "ticket-" + i;
            sut.Create(client => { onPool.Add(Thread.CurrentThread.IsThreadPoolThread); return client.Enqueue(() => Console.WriteLine(ticket)); }, "a test");
        }

        Assert.Equal(6, sut.Waiting);
        await Eventually.TrueAsync(() => Task.FromResult(jobs.Entered), "a job being created");
        Assert.Empty(jobs.Created);
        jobs.Gate.Set();

        await Eventually.TrueAsync(() => Task.FromResult(sut.Waiting == 0), "every job created");
        Assert.Equal(Enumerable.Range(1, 6).Select(i => "ticket-" + i), jobs.Created.Select(c => (string)c.Job.Args[0]).Order(StringComparer.Ordinal));
        Assert.Equal(6, onPool.Count);
        Assert.DoesNotContain(true, onPool);
    }

    [Fact]
    public async Task AJobThatCannotBeCreated_StorageAway_IsLeft_AndLaterJobsAreStillCreated()
    {
        var jobs = new RecordingJobClient(failFirst: 1);
        using var sut = new JobHandOff(jobs, NullLogger<JobHandOff>.Instance);

        sut.Create(client => client.Enqueue(() => Console.WriteLine("lost")), "a test");
        await Eventually.TrueAsync(() => Task.FromResult(sut.Waiting == 0), "the first handled");
        sut.Create(client => client.Enqueue(() => Console.WriteLine("kept")), "a test");

        await Eventually.TrueAsync(() => Task.FromResult(sut.Waiting == 0), "the second handled");
        Assert.Equal("kept", (string)Assert.Single(jobs.Created).Job.Args[0]);
    }

    [Fact]
    public async Task ProcessStopping_JobsStillWaiting_AreNotTriedAgainstTheStorage()
    {
        var jobs = new RecordingJobClient { Gate = new ManualResetEventSlim() };
        var sut = new JobHandOff(jobs, NullLogger<JobHandOff>.Instance);
        for (var i = 0; i < 40; i++)
        {
            sut.Create(client => client.Enqueue(() => Console.WriteLine("a step")), "a test");
        }

        await Eventually.TrueAsync(() => Task.FromResult(jobs.Entered), "the first jobs being created");
        sut.Dispose();
        jobs.Gate.Set();

        // Only the jobs already being created when it stopped (one a thread) reach the storage.
        await Eventually.TrueAsync(() => Task.FromResult(jobs.Created.Count > 0 && sut.Waiting + jobs.Created.Count == 40), "the jobs in flight done");
        await Task.Delay(200);
        Assert.InRange(jobs.Created.Count, 1, 4);
        Assert.Equal(40, sut.Waiting + jobs.Created.Count);
    }
}
