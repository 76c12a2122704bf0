using Hangfire;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Privacy;

/// <summary>At start: the daily clean-up as a recurring job (idempotent: the same id replaces the last definition).</summary>
internal sealed class PrivacyStartup(IRecurringJobManager recurring, IOptions<PrivacyOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PrivacyJobs>(
            PrivacyJobs.DailyCleanupJobId,
            job => job.DailyCleanupAsync(CancellationToken.None),
            Cron.Daily(options.Value.CleanupHourUtc),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
