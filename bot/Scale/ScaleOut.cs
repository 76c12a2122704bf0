using CitizenBot.Bot.Data;
using CitizenBot.Bot.Storage;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.WeChat.Api;
using CitizenBot.Channels.WeChat.Replies;
using CitizenBot.Channels.WeChat.Security;
using Hangfire;
using Hangfire.Redis.StackExchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// The one switch between the embedded default and several instances: with <c>Storage:Postgres</c> the
/// EF model runs on PostgreSQL; with <c>Storage:Redis</c> the hot shared state and Hangfire move to Redis. Called
/// last, it replaces the embedded registrations the areas made, so no area needs to know which one is in use.
/// </summary>
public static class ScaleOut
{
    public static IServiceCollection AddScaleOut(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var checks = services.AddHealthChecks();
        if (!string.IsNullOrWhiteSpace(storage.Postgres))
        {
            UsePostgres(services, storage.Postgres);
        }

        checks.AddCheck<DatabaseReadiness>("database", tags: [ReadinessCheck.Tag]);
        if (!storage.IsScaledOut)
        {
            return services;
        }

        if (string.IsNullOrWhiteSpace(storage.Postgres))
        {
            throw new InvalidOperationException("Storage:Redis is set but Storage:Postgres is not: several instances cannot share the SQLite file. Set both, or neither for one process.");
        }

        // One multiplexer per process, as StackExchange.Redis intends; it reconnects by itself.
        var redisOptions = ConfigurationOptions.Parse(storage.Redis);
        // Start even while Redis is down; /readyz keeps the load balancer away until it answers.
        redisOptions.AbortOnConnectFail = false;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
        services.Replace(ServiceDescriptor.Singleton<IConversationStateStore, RedisConversationStateStore>());
        services.Replace(ServiceDescriptor.Singleton<IConversationReferenceStore, RedisConversationReferenceStore>());
        services.Replace(ServiceDescriptor.Singleton<IConversationLock, RedisConversationLock>());
        services.Replace(ServiceDescriptor.Singleton<IDirectLineConversationStore, RedisDirectLineConversationStore>());
        services.Replace(ServiceDescriptor.Singleton<IDirectLineRateLimiter, RedisDirectLineRateLimiter>());
        services.Replace(ServiceDescriptor.Singleton<IWeChatAccessTokenCache, RedisWeChatAccessTokenCache>());
        services.Replace(ServiceDescriptor.Singleton<IWeChatReplayGuard, RedisWeChatReplayGuard>());
        services.Replace(ServiceDescriptor.Singleton<IWeChatCustomerServiceQuota, RedisWeChatCustomerServiceQuota>());

        // Hangfire on Redis: every instance runs a server; a job is fetched by one of them, and a job whose instance
        // died becomes visible again after the invisibility timeout. Needs maxmemory-policy noeviction (docs/operations.md, Scaling out).
        services.Replace(ServiceDescriptor.Singleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            return new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>(), new RedisStorageOptions
            {
                Prefix = RedisKeys.HangfirePrefix,
                Db = redisOptions.DefaultDatabase ?? 0,
                InvisibilityTimeout = storage.JobInvisibilityTimeout,
            });
        }));
        checks.AddCheck<RedisReadiness>("redis", tags: [ReadinessCheck.Tag]);
        return services;
    }

    private static void UsePostgres(IServiceCollection services, string connectionString)
    {
        services.RemoveAll<IDbContextFactory<CitizenBotDbContext>>();
        // Npgsql resets every pooled connection (DISCARD ALL) when it is returned, by default: a statement per
        // connection use, about two per turn, and it throws away the statements Npgsql prepared on it. Nothing here
        // leaves session state on a connection (the migration's advisory lock is unlocked explicitly), so no reset.
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        services.AddPooledDbContextFactory<PostgresCitizenBotDbContext>(o => o.UseNpgsql(builder.ConnectionString));
        services.AddSingleton<IDbContextFactory<CitizenBotDbContext>>(sp =>
            new UpcastingFactory(sp.GetRequiredService<IDbContextFactory<PostgresCitizenBotDbContext>>()));
    }

    private sealed class UpcastingFactory(IDbContextFactory<PostgresCitizenBotDbContext> inner) : IDbContextFactory<CitizenBotDbContext>
    {
        public CitizenBotDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<CitizenBotDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
    }
}
