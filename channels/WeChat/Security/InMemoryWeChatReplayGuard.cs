using System.Collections.Concurrent;
using CitizenBot.Channels.Housekeeping;

namespace CitizenBot.Channels.WeChat.Security;

/// <summary>One process's replay guard; several instances need a shared store (Redis SET NX with a TTL).</summary>
internal sealed class InMemoryWeChatReplayGuard(TimeProvider time) : IWeChatReplayGuard
{
    private readonly ConcurrentDictionary<string, (string Fingerprint, DateTimeOffset Expires)> _seen = new(StringComparer.Ordinal);
    private readonly PruneSchedule _prune = new(time, WeChatDefaults.PruneInterval);

    public ValueTask<bool> TryAcceptAsync(string signedTriple, string bodyFingerprint, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_prune.IsDue())
        {
            Prune(now);
        }

        var entry = _seen.GetOrAdd(signedTriple, (bodyFingerprint, now + WeChatDefaults.DedupLifetime));
        return ValueTask.FromResult(string.Equals(entry.Fingerprint, bodyFingerprint, StringComparison.Ordinal));
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, value) in _seen)
        {
            if (value.Expires <= now)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
