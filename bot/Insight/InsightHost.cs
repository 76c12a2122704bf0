using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Ticketing.Center;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Insight;

/// <summary>The staff console (研判), hotspot alerts and the daily digest: what the host adds and maps.</summary>
internal static class InsightHost
{
    public static IServiceCollection AddInsight(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<InsightOptions>().BindConfiguration(InsightOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.HotspotWindow > TimeSpan.Zero && o.DefaultAnswerTime > TimeSpan.Zero && o.UrgentAnswerTime > TimeSpan.Zero
                && o.AnswerTimes.Values.All(t => t > TimeSpan.Zero) && o.AtRiskWindow >= TimeSpan.Zero
                && o.SweepInterval > TimeSpan.Zero && o.StaffAlerts.GiveUpAfter > TimeSpan.Zero,
                "Insight: HotspotWindow, SweepInterval, StaffAlerts:GiveUpAfter and every answer time must be positive, AtRiskWindow not negative.")
            .ValidateOnStart();
        services.AddSingleton<AnswerTimes>();
        services.AddSingleton<InsightQueries>();
        services.AddSingleton<DigestBuilder>();
        services.AddSingleton<InsightCenterBodies>();
        services.AddSingleton<ICenterReportBodies>(sp => sp.GetRequiredService<InsightCenterBodies>());
        services.AddSingleton(new InsightFolder(dataDirectory));
        services.AddTransient<HotspotWatch>();
        services.AddTransient<IPlacedTicketWatch, HotspotWatch>();
        services.AddTransient<DigestJob>();
        services.AddTransient<TicketSeeder>();
        services.AddTransient<StaffAlerts>();
        services.AddTransient<StaffAlertJob>();
        services.AddSingleton<InsightDays>();
        services.AddSingleton<InsightSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<InsightSweep>());
        services.AddHostedService<DigestSchedule>();
        return services;
    }

    public static IEndpointRouteBuilder MapInsight(this IEndpointRouteBuilder endpoints) => endpoints.MapInsightEndpoints();
}

/// <summary>The recurring digest job, defined (or removed) at start from <c>Insight:DigestTime</c> in China time.</summary>
internal sealed class DigestSchedule(IRecurringJobManager recurring, IOptions<InsightOptions> options, TimeProvider time, ILogger<DigestSchedule> logger)
    : JobsAtStart(logger, time)
{
    protected override string What => "The recurring job " + DigestJob.RecurringJobId;

    protected override Task DefineAsync(CancellationToken cancellationToken)
    {
        var digestTime = options.Value.DigestTime;
        if (string.IsNullOrEmpty(digestTime))
        {
            recurring.RemoveIfExists(DigestJob.RecurringJobId);
            return Task.CompletedTask;
        }

        var (hour, minute) = (int.Parse(digestTime[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(digestTime[3..], System.Globalization.CultureInfo.InvariantCulture));
        recurring.AddOrUpdate<DigestJob>(
            DigestJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Daily(hour, minute),
            new RecurringJobOptions { TimeZone = Mediation.MediationCalendar.China });
        return Task.CompletedTask;
    }
}
