using CitizenBot.Bot.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Privacy;

/// <summary>The daily clean-up as a recurring job, defined at start.</summary>
internal sealed class PrivacyStartup(IRecurringJobManager recurring, IOptions<PrivacyOptions> options, TimeProvider time, ILogger<PrivacyStartup> logger)
    : JobsAtStart(logger, time)
{
    protected override string What => "The recurring job " + PrivacyJobs.DailyCleanupJobId;

    protected override Task DefineAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PrivacyJobs>(
            PrivacyJobs.DailyCleanupJobId,
            job => job.DailyCleanupAsync(CancellationToken.None),
            Cron.Daily(options.Value.CleanupHourUtc),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }
}
