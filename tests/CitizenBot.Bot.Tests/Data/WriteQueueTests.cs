using CitizenBot.Bot.Data;

namespace CitizenBot.Bot.Tests.Data;

/// <summary>The ticket writes' turn: one at a time, in arrival order, on SQLite; all at once where rows are locked.</summary>
public sealed class WriteQueueTests
{
    [Fact]
    public async Task OneAtATime_SecondWriterWaitsUntilTheFirstsTurnEnds_ThenTheThirdInArrivalOrder()
    {
        var queue = WriteQueue.OneAtATime();
        var order = new List<int>();

        var first = await queue.EnterAsync(CancellationToken.None);
        var second = Enter(2);
        var third = Enter(3);
        await Task.Yield();
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        first.Dispose();
        await Task.WhenAll(second, third);

        Assert.Equal([2, 3], order);

        async Task Enter(int id)
        {
            using var turn = await queue.EnterAsync(CancellationToken.None);
            lock (order)
            {
                order.Add(id);
            }
        }
    }

    [Fact]
    public async Task OneAtATime_CancelledWhileWaiting_NeverEntersAndLeavesTheQueueUsable()
    {
        var queue = WriteQueue.OneAtATime();
        var held = await queue.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = queue.EnterAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        using var next = await queue.EnterAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Unordered_EveryWriterEntersAtOnce()
    {
        var queue = WriteQueue.Unordered();

        using var first = await queue.EnterAsync(CancellationToken.None);
        var second = queue.EnterAsync(CancellationToken.None);

        Assert.True(second.IsCompleted);
        (await second).Dispose();
    }
}
