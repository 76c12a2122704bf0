using CitizenBot.Bot.Privacy;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Bot.Tests.Hosting;

public sealed class JobsAtStartTests
{
    [Fact]
    public async Task JobStorageTimingOutAtStart_StartSucceeds_AndTheJobIsDefinedOnceItAnswers()
    {
        var time = new FakeTimeProvider();
        var recurring = new SlowStorage(failures: 2);
        using var startup = new PrivacyStartup(recurring, Options.Create(new PrivacyOptions()), time, NullLogger<PrivacyStartup>.Instance);

        await startup.StartAsync(CancellationToken.None);
        await WaitForAsync(() => recurring.Attempts == 1, time, TimeSpan.Zero);
        Assert.Empty(recurring.Defined);

        // Each failure waits a growing pause (1 s, then 2 s) before the next try; the clock moves in steps of 100 ms.
        var started = time.GetUtcNow();
        await WaitForAsync(() => recurring.Attempts == 3, time, TimeSpan.FromMilliseconds(100));
        Assert.InRange(time.GetUtcNow() - started, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
        Assert.Equal([PrivacyJobs.DailyCleanupJobId], recurring.Defined);
        await startup.StopAsync(CancellationToken.None);
    }

    private static async Task WaitForAsync(Func<bool> condition, FakeTimeProvider time, TimeSpan step)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            time.Advance(step);
            await Task.Delay(5);
        }

        Assert.True(condition());
    }

    /// <summary>Times out like StackExchange.Redis's synchronous calls under Hangfire, then answers.</summary>
    private sealed class SlowStorage(int failures) : IRecurringJobManager
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public List<string> Defined { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options)
        {
            if (Interlocked.Increment(ref _attempts) <= failures)
            {
                throw new TaskCanceledException("timed out");
            }

            Defined.Add(recurringJobId);
        }

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => throw new NotSupportedException();
    }
}
