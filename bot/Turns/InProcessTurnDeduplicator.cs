using System.Collections.Concurrent;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Turns;

/// <summary>
/// The embedded deduplicator: claims and replies kept in memory for <see cref="Retention"/>, and never more than
/// <see cref="MaxRemembered"/> finished ones (the oldest are forgotten first), so memory stays bounded at any rate.
/// </summary>
internal sealed class InProcessTurnDeduplicator(TimeProvider time) : ITurnDeduplicator
{
    /// <summary>WeChat retries within about 15 seconds; a few minutes covers every client retry with margin.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    /// <summary>
    /// At the measured peak of the embedded bot (see README "Performance") this still covers well over WeChat's
    /// 15-second retry window; at ordinary rates <see cref="Retention"/> is the limit that applies.
    /// </summary>
    internal const int MaxRemembered = 50_000;

    private readonly ConcurrentDictionary<string, Claim> _claims = new(StringComparer.Ordinal);

    // Finished claims in the order they finished: the oldest is the first to forget.
    private readonly ConcurrentQueue<(string Key, Claim Claim)> _finished = new();

    public async Task<IReadOnlyList<Activity>?> ClaimAsync(string messageKey, CancellationToken cancellationToken)
    {
        Forget();
        var mine = new Claim();
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
        if (_claims.TryGetValue(messageKey, out var claim) && claim.Replies.TrySetResult(replies))
        {
            claim.FinishedAt = time.GetTimestamp();
            _finished.Enqueue((messageKey, claim));
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

    private void Forget()
    {
        var now = time.GetTimestamp();
        while (_finished.TryPeek(out var oldest)
            && (_finished.Count > MaxRemembered || time.GetElapsedTime(oldest.Claim.FinishedAt, now) > Retention)
            && _finished.TryDequeue(out oldest))
        {
            _claims.TryRemove(KeyValuePair.Create(oldest.Key, oldest.Claim));
        }
    }

    private sealed class Claim
    {
        public long FinishedAt { get; set; }

        public TaskCompletionSource<IReadOnlyList<Activity>?> Replies { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
