using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Ticketing.Center;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Bot.Tests.Hosting;

/// <summary>
/// Waits until a host has no background work left: no center push or other job waiting to be created, no job enqueued, scheduled or
/// running. A test that proves something did NOT happen (a second push, a step after the walk stopped) waits for this
/// instead of sleeping: whatever was going to happen has happened by then. Delayed jobs (retries, the simulated
/// center's steps) due within the timeout count until they have run, so this waits out their delays; a job due later
/// (a long retry backoff) could not have shown in the test either and is not waited for.
/// </summary>
internal static class JobsIdle
{
    /// <summary>The timeout only bounds a hung test; it asserts no timing.</summary>
    public static async Task WaitAsync(IServiceProvider services, int timeoutSeconds = 60)
    {
        var dispatcher = services.GetRequiredService<CenterDispatcher>();
        var handOff = services.GetRequiredService<JobHandOff>();
        var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = Environment.TickCount64 + timeoutSeconds * 1000L;
        // Jobs first, then the pushes and jobs waiting to be created, then jobs again: one created in between is seen.
        var dueBy = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!(NoJobs(monitoring, dueBy) && dispatcher.Waiting == 0 && handOff.Waiting == 0 && NoJobs(monitoring, dueBy)))
        {
            if (Environment.TickCount64 > deadline)
            {
                var stats = monitoring.GetStatistics();
                Assert.Fail($"Background work never finished: {stats.Enqueued} enqueued, {stats.Scheduled} scheduled, {stats.Processing} processing, {dispatcher.Waiting} pushes and {handOff.Waiting} other jobs waiting to be created");
            }

            await Task.Delay(25);
        }
    }

    // Counted by the jobs' states, so a job fetched by a worker but not yet marked processing is still "enqueued".
    private static bool NoJobs(Hangfire.Storage.IMonitoringApi monitoring, DateTime dueBy)
    {
        var stats = monitoring.GetStatistics();
        return stats.Enqueued + stats.Processing == 0
            && (stats.Scheduled == 0 || monitoring.ScheduledJobs(0, (int)stats.Scheduled).All(j => j.Value.EnqueueAt > dueBy));
    }
}
