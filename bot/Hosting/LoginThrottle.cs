using System.Collections.Concurrent;
using CitizenBot.Bot.Scale;
using StackExchange.Redis;

namespace CitizenBot.Bot.Hosting;

/// <summary>
/// Wrong ops passwords per client address: after <see cref="MaxFailures"/> in <see cref="Window"/>, that address is
/// refused without the password being checked until the window has passed, so the password cannot be guessed at
/// request speed. Counted in Redis when the bot is scaled out (a guesser spread over the instances gets one allowance
/// in all), in process otherwise.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time, IConnectionMultiplexer? redis = null)
{
    public const int MaxFailures = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Bounded: beyond this many addresses the oldest windows are forgotten first.
    private const int MaxTracked = 10_000;

    // The window starts with the first failure, as in process.
    private static readonly LuaScript FailInRedis = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        if redis.call('PTTL', @key) < 0 then redis.call('PEXPIRE', @key, @windowMs) end
        return count
        """);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    public bool IsLocked(string client)
    {
        if (redis is not null)
        {
            return (long?)redis.GetDatabase().StringGet(Key(client)) >= MaxFailures;
        }

        return _failures.TryGetValue(client, out var failures) && failures.Ends > time.GetUtcNow() && failures.Count >= MaxFailures;
    }

    public void Fail(string client)
    {
        if (redis is not null)
        {
            redis.GetDatabase().ScriptEvaluate(FailInRedis, new { key = (RedisKey)Key(client), windowMs = (long)Window.TotalMilliseconds });
            return;
        }

        var now = time.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            foreach (var (key, value) in _failures.Where(f => f.Value.Ends <= now).ToList())
            {
                _failures.TryRemove(new KeyValuePair<string, Failures>(key, value));
            }
        }

        _failures.AddOrUpdate(client, _ => new Failures(now + Window, 1), (_, f) => f.Ends <= now ? new Failures(now + Window, 1) : f with { Count = f.Count + 1 });
    }

    public void Succeed(string client)
    {
        if (redis is not null)
        {
            redis.GetDatabase().KeyDelete(Key(client));
            return;
        }

        _failures.TryRemove(client, out _);
    }

    private static string Key(string client) => RedisKeys.RateWindow("ops-login:" + client);

    private sealed record Failures(DateTimeOffset Ends, int Count);
}
