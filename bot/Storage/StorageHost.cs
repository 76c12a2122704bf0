using CitizenBot.Bot.Data;
using CitizenBot.Bot.Scale;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.WeChat.Api;
using CitizenBot.Channels.WeChat.Replies;
using CitizenBot.Channels.WeChat.Security;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace CitizenBot.Bot.Storage;

/// <summary>
/// The stores of every feature, registered once from the one <see cref="StorageChoice"/>: the EF model (SQLite or
/// PostgreSQL), conversation state, references and the lock (SQLite and in process, or Redis), and, scaled out, the
/// channels' shared stores (Redis). The channels register their in-memory stores only where none is registered yet
/// (<c>TryAdd</c>), and the composition adds the channels after the features, so nothing is ever replaced.
/// </summary>
internal static class StorageHost
{
    public static IServiceCollection AddStorage(this IServiceCollection services, StorageChoice storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var checks = services.AddHealthChecks();
        if (storage.UsesPostgres)
        {
            AddPostgres(services, storage.Postgres);
            services.AddSingleton(WriteQueue.Unordered());
        }
        else
        {
            services.AddSingleton(WriteQueue.OneAtATime());
            // Pooled: EF reuses context instances (their internal services and caches) across the many short units of work.
            services.AddPooledDbContextFactory<CitizenBotDbContext>(o => o
                .UseSqlite($"Data Source={Path.Combine(storage.DataDirectory, "citizenbot.db")};Default Timeout=30")
                .AddInterceptors(new SqliteConnectionPragmas()));
        }

        services.AddSingleton<GroupCommit>();
        checks.AddCheck<DatabaseReadiness>("database", tags: [ReadinessCheck.Tag]);
        if (!storage.IsScaledOut)
        {
            services.AddSingleton(_ => new SqliteTurnDatabase(Path.Combine(storage.DataDirectory, TurnsHost.DatabaseFileName)));
            services.AddSingleton<IConversationStateStore, SqliteConversationStateStore>();
            services.AddSingleton<IConversationReferenceStore, SqliteConversationReferenceStore>();
            services.AddSingleton<IConversationLock, InProcessConversationLock>();
            return services;
        }

        // One multiplexer per process, as StackExchange.Redis intends; it reconnects by itself.
        var redisOptions = RedisOptions(storage);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
        services.AddSingleton<IConversationStateStore, RedisConversationStateStore>();
        services.AddSingleton<IConversationReferenceStore, RedisConversationReferenceStore>();
        services.AddSingleton<IConversationLock, RedisConversationLock>();
        services.AddSingleton<IDirectLineConversationStore, RedisDirectLineConversationStore>();
        services.AddSingleton<IDirectLineRateLimiter, RedisDirectLineRateLimiter>();
        services.AddSingleton<IWeChatAccessTokenCache, RedisWeChatAccessTokenCache>();
        services.AddSingleton<IWeChatReplayGuard, RedisWeChatReplayGuard>();
        services.AddSingleton<IWeChatCustomerServiceQuota, RedisWeChatCustomerServiceQuota>();
        checks.AddCheck<RedisReadiness>("redis", tags: [ReadinessCheck.Tag]);
        return services;
    }

    /// <summary>The Redis configuration of a scaled-out bot; starts even while Redis is down (/readyz keeps the load balancer away until it answers).</summary>
    public static ConfigurationOptions RedisOptions(StorageChoice storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var options = ConfigurationOptions.Parse(storage.Redis);
        options.AbortOnConnectFail = false;
        return options;
    }

    private static void AddPostgres(IServiceCollection services, string connectionString)
    {
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
