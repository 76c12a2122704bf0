using System.Collections.Concurrent;

namespace CitizenBot.Channels.WeChat.Replies;

internal sealed class InMemoryWeChatCustomerServiceQuota(TimeProvider time) : IWeChatCustomerServiceQuota
{
    private readonly ConcurrentDictionary<string, Allowance> _allowances = new(StringComparer.Ordinal);

    public ValueTask GrantAsync(string openId, QuotaGrant grant, CancellationToken cancellationToken)
    {
        var (count, window) = WeChatDefaults.QuotaFor(grant);
        if (count > 0)
        {
            var now = time.GetUtcNow();
            var granted = new Allowance(count, now + window);
            _allowances.AddOrUpdate(openId, granted, (_, current) =>
                current.Expires <= now || current.Remaining <= count || current.Expires <= granted.Expires ? granted : current);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryConsumeAsync(string openId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        while (_allowances.TryGetValue(openId, out var current))
        {
            if (current.Expires <= now || current.Remaining <= 0)
            {
                return ValueTask.FromResult(false);
            }

            if (_allowances.TryUpdate(openId, current with { Remaining = current.Remaining - 1 }, current))
            {
                return ValueTask.FromResult(true);
            }
        }

        return ValueTask.FromResult(false);
    }

    private sealed record Allowance(int Remaining, DateTimeOffset Expires);
}
