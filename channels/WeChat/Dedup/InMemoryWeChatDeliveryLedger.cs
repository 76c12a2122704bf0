using System.Collections.Concurrent;
using CitizenBot.Channels.Housekeeping;

namespace CitizenBot.Channels.WeChat.Dedup;

internal sealed class InMemoryWeChatDeliveryLedger(TimeProvider time) : IWeChatDeliveryLedger
{
    private readonly ConcurrentDictionary<string, Lazy<WeChatDelivery>> _deliveries = new(StringComparer.Ordinal);
    private readonly PruneSchedule _prune = new(time, WeChatDefaults.PruneInterval);

    public WeChatDelivery GetOrStart(string key, Func<Task<WeChatTurnResult>> startTurn)
    {
        var now = time.GetUtcNow();
        if (_prune.IsDue())
        {
            foreach (var (staleKey, stale) in _deliveries)
            {
                if (stale.IsValueCreated && stale.Value.Expires <= now && stale.Value.Turn.IsCompleted)
                {
                    _deliveries.TryRemove(staleKey, out _);
                }
            }
        }

        // Lazy so that two racing deliveries never both start the turn.
        return _deliveries.GetOrAdd(key, _ => new Lazy<WeChatDelivery>(
            () => new WeChatDelivery(startTurn(), now + WeChatDefaults.DedupLifetime))).Value;
    }
}
