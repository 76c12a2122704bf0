using System.Collections.Concurrent;
using CitizenBot.Channels.Housekeeping;

namespace CitizenBot.Channels.DirectLine;

/// <summary>One counted request: allowed or not, whether it is the first refusal of its window, and when to retry.</summary>
public readonly record struct RateDecision(bool Allowed, bool FirstRefusal, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window counters for the Direct Line limits (activities per conversation and per client address, uploads and
/// uploaded bytes per conversation). In process by default; the bot counts in Redis when scaled out, so a client
/// spreading requests over instances gets one allowance.
/// </summary>
public interface IDirectLineRateLimiter
{
    /// <summary>Counts <paramref name="cost"/> (1 for a request, the bytes of an upload) into the key's window.</summary>
    /// <returns>Allowed while the window's total, this included, is within <paramref name="budget"/>.</returns>
    ValueTask<RateDecision> HitAsync(string key, long cost, long budget, TimeSpan window, CancellationToken cancellationToken);
}

internal sealed class InMemoryDirectLineRateLimiter(TimeProvider time) : IDirectLineRateLimiter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly PruneSchedule _prune = new(time, TimeSpan.FromMinutes(1));

    public ValueTask<RateDecision> HitAsync(string key, long cost, long budget, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Prune(now);
        var current = _windows.AddOrUpdate(
            key,
            _ => new Window(now + window, cost),
            (_, w) => w.Ends <= now ? new Window(now + window, cost) : w with { Count = w.Count + cost });
        var retryAfter = current.Ends - now;
        return ValueTask.FromResult(new RateDecision(current.Count <= budget, current.Count > budget && current.Count - cost <= budget, retryAfter));
    }

    private void Prune(DateTimeOffset now)
    {
        if (!_prune.IsDue())
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            if (window.Ends <= now)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
            }
        }
    }

    private sealed record Window(DateTimeOffset Ends, long Count);
}
