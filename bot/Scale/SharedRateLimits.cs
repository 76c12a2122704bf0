using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// Fixed-window rate-limit partitions that count in Redis when the bot is scaled out (a client spreading requests
/// over the instances still gets one allowance), and in process otherwise.
/// </summary>
internal static class SharedRateLimits
{
    public static RateLimitPartition<string> FixedWindow(HttpContext http, string policy, string client, int permits, TimeSpan window)
    {
        var key = $"{policy}:{client}";
        return http.RequestServices.GetService<IConnectionMultiplexer>() is { } redis
            ? RedisRateLimitPartition.GetFixedWindowRateLimiter(key, _ => new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = permits,
                Window = window,
            })
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
    }
}
