using System.Collections.Concurrent;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Turns;

/// <summary>The embedded deduplicator: claims and replies kept in memory for <see cref="Retention"/>.</summary>
internal sealed class InProcessTurnDeduplicator(TimeProvider time) : ITurnDeduplicator
{
    /// <summary>WeChat retries within about 15 seconds; a few minutes covers every client retry with margin.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Claim> _claims = new(StringComparer.Ordinal);
    private long _nextSweep;

    public async Task<IReadOnlyList<Activity>?> ClaimAsync(string messageKey, CancellationToken cancellationToken)
    {
        SweepIfDue();
        var mine = new Claim(time.GetTimestamp());
        var claim = _claims.GetOrAdd(messageKey, mine);
        if (ReferenceEquals(claim, mine))
        {
            return null;
        }

        var replies = await claim.Replies.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return replies ?? await ClaimAsync(messageKey, cancellationToken).ConfigureAwait(false);
    }

    public Task CompleteAsync(string messageKey, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        if (_claims.TryGetValue(messageKey, out var claim))
        {
            claim.Replies.TrySetResult(replies);
        }

        return Task.CompletedTask;
    }

    public Task AbandonAsync(string messageKey, CancellationToken cancellationToken)
    {
        if (_claims.TryRemove(messageKey, out var claim))
        {
            // Waiters retry the claim themselves: one of them will run the turn.
            claim.Replies.TrySetResult(null);
        }

        return Task.CompletedTask;
    }

    private void SweepIfDue()
    {
        var now = time.GetTimestamp();
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + (long)(time.TimestampFrequency * 60), due) != due)
        {
            return;
        }

        foreach (var (key, claim) in _claims)
        {
            if (claim.Replies.Task.IsCompleted && time.GetElapsedTime(claim.StartedAt, now) > Retention)
            {
                _claims.TryRemove(key, out _);
            }
        }
    }

    private sealed class Claim(long startedAt)
    {
        public long StartedAt { get; } = startedAt;

        public TaskCompletionSource<IReadOnlyList<Activity>?> Replies { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
