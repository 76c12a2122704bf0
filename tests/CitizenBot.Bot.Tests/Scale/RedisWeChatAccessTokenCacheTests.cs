using CitizenBot.Bot.Scale;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CitizenBot.Bot.Tests.Scale;

/// <summary>The shared access token's refresh lock on a real Redis (tests/run-all.sh starts one).</summary>
[Trait("Category", "Integration")]
public sealed class RedisWeChatAccessTokenCacheTests : IAsyncLifetime
{
    private readonly PollingClock _time = new();
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        var address = Environment.GetEnvironmentVariable("CITIZENBOT_TEST_REDIS")
            ?? throw new InvalidOperationException("Needs a real Redis: run tests/run-all.sh, or set CITIZENBOT_TEST_REDIS.");
        _redis = await ConnectionMultiplexer.ConnectAsync(address);
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task LockRefresh_AnotherInstanceRefreshing_WaitsOnTheHostsClockUntilItIsDone()
    {
        var appId = "wx" + Guid.NewGuid().ToString("N")[..16];
        var other = new RedisWeChatAccessTokenCache(_redis, _time);
        var mine = new RedisWeChatAccessTokenCache(_redis, _time);
        var held = await other.LockRefreshAsync(appId, CancellationToken.None);

        var waiting = mine.LockRefreshAsync(appId, CancellationToken.None).AsTask();
        await _time.TimerStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await held.DisposeAsync();

        // Released, but the waiter looks again only when its clock says the poll interval has passed.
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));

        await using var mineHeld = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await _redis.GetDatabase().KeyExistsAsync(RedisKeys.WeChatTokenRefresh(appId)));
    }

    [Fact]
    public async Task LockRefresh_Cancelled_StopsWaiting()
    {
        var appId = "wx" + Guid.NewGuid().ToString("N")[..16];
        var cache = new RedisWeChatAccessTokenCache(_redis, _time);
        await using var held = await cache.LockRefreshAsync(appId, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = cache.LockRefreshAsync(appId, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    /// <summary>A fake clock that says when something first waits on it.</summary>
    private sealed class PollingClock : FakeTimeProvider
    {
        public TaskCompletionSource TimerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerStarted.TrySetResult();
            return timer;
        }
    }
}
