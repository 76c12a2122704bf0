using System.Collections.Concurrent;

namespace CitizenBot.Bot.Hosting;

/// <summary>
/// Wrong ops passwords per client address: after <see cref="MaxFailures"/> in <see cref="Window"/>, that address is
/// refused without the password being checked until the window has passed, so the password cannot be guessed at
/// request speed. Counted per instance (a guesser spread over instances gets one allowance per instance).
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Bounded: beyond this many addresses the oldest windows are forgotten first.
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    public bool IsLocked(string client) =>
        _failures.TryGetValue(client, out var failures) && failures.Ends > time.GetUtcNow() && failures.Count >= MaxFailures;

    public void Fail(string client)
    {
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

    public void Succeed(string client) => _failures.TryRemove(client, out _);

    private sealed record Failures(DateTimeOffset Ends, int Count);
}
