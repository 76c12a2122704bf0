using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary><c>/readyz</c> runs the checks with this tag; <c>/healthz</c> only says the process is up.</summary>
internal static class ReadinessCheck
{
    public const string Tag = "ready";
}

/// <summary>The ticket database (SQLite or PostgreSQL) answers.</summary>
internal sealed class DatabaseReadiness(IDbContextFactory<CitizenBotDbContext> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The ticket database does not answer.");
    }
}

/// <summary>Redis answers PING.</summary>
internal sealed class RedisReadiness(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}
