using CitizenBot.Bot.Scale;
using CitizenBot.Bot.Storage;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.Redis.StackExchange;
using StackExchange.Redis;

namespace CitizenBot.Bot.Hosting;

/// <summary>The queues of the one Hangfire server: workers take the urgent queue first.</summary>
internal static class JobQueues
{
    public const string Urgent = "urgent";
    public const string Default = "default";
}

/// <summary>
/// Hangfire for every feature that queues or schedules work (ticketing, mediation, privacy, insight), its server, and
/// the jobs dashboard at <c>/ops/jobs</c> with the ops login the staff pages share. Jobs are kept where the storage
/// choice says: in memory (rebuilt from the outbox and bookings at start) or in Redis, shared by every instance.
/// </summary>
internal static class BackgroundJobsHost
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, StorageChoice storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        services.AddOptions<JobsDashboardOptions>().BindConfiguration(JobsDashboardOptions.SectionName);
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<DashboardAuthorization>();
        services.AddSingleton<JobHandOff>();
        // Storage and activator per host, not Hangfire's process-wide JobStorage.Current/JobActivator.Current, so two
        // hosts in one process (tests, restarts) never run each other's jobs.
        if (storage.IsScaledOut)
        {
            // Every instance runs a server unless told not to (Storage:JobServer); a job is fetched by one of them, and
            // a job whose instance died becomes visible again after the invisibility timeout. Needs maxmemory-policy noeviction (docs/operations.md, Scaling out).
            var database = StorageHost.RedisOptions(storage).DefaultDatabase ?? 0;
            services.AddSingleton<JobStorage>(sp =>
            {
                // Hangfire's log provider is process-wide; resolving the configuration first points it at this host's loggers.
                sp.GetRequiredService<IGlobalConfiguration>();
                return new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>(), new RedisStorageOptions
                {
                    Prefix = RedisKeys.HangfirePrefix,
                    Db = database,
                    InvisibilityTimeout = storage.JobInvisibilityTimeout,
                });
            });
        }
        else
        {
            services.AddSingleton<JobStorage>(sp =>
            {
                sp.GetRequiredService<IGlobalConfiguration>();
                return new InMemoryStorage();
            });
        }

        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (!storage.RunsJobServer)
        {
            // Scaled out, an instance that only answers citizens: its jobs go to Redis for the instances that run a server.
            return services;
        }

        services.AddHangfireServer(o =>
        {
            o.Queues = [JobQueues.Urgent, JobQueues.Default];
            // Retries and simulator steps are delayed jobs; a short poll keeps their timing close to what was asked.
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);
        });
        return services;
    }

    /// <summary>The jobs dashboard at <c>/ops/jobs</c>, behind the ops login.</summary>
    public static IEndpointRouteBuilder MapBackgroundJobs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/ops/jobs", new DashboardOptions
        {
            Authorization = [endpoints.ServiceProvider.GetRequiredService<DashboardAuthorization>()],
            DashboardTitle = "CitizenBot jobs",
            DisplayStorageConnectionString = false,
        });
        return endpoints;
    }
}
