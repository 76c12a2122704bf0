using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Bot.Tests.Turns;

public sealed class InProcessTurnDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ClaimAsync_RedeliveryWithinRetention_GetsTheFirstReplies()
    {
        var sut = new InProcessTurnDeduplicator(_time);
        await RunAsync(sut, "m1", "第一次");

        _time.Advance(TimeSpan.FromSeconds(15));
        var again = await sut.ClaimAsync("m1", CancellationToken.None);

        Assert.Equal("第一次", again?.Single().Text);
    }

    [Fact]
    public async Task ClaimAsync_RedeliveryAfterRetention_RunsAgain()
    {
        var sut = new InProcessTurnDeduplicator(_time);
        await RunAsync(sut, "m1", "第一次");

        _time.Advance(InProcessTurnDeduplicator.Retention + TimeSpan.FromSeconds(1));

        Assert.Null(await sut.ClaimAsync("m1", CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_MoreFinishedTurnsThanRemembered_OldestForgottenNewestKept()
    {
        var sut = new InProcessTurnDeduplicator(_time);
        for (var i = 0; i <= InProcessTurnDeduplicator.MaxRemembered; i++)
        {
            await RunAsync(sut, $"m{i}", "ok");
        }

        Assert.Equal("ok", (await sut.ClaimAsync($"m{InProcessTurnDeduplicator.MaxRemembered}", CancellationToken.None))?.Single().Text);
        Assert.Null(await sut.ClaimAsync("m0", CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_TurnStillRunningWhenLimitReached_RedeliveryStillWaitsForIt()
    {
        var sut = new InProcessTurnDeduplicator(_time);
        Assert.Null(await sut.ClaimAsync("running", CancellationToken.None));
        for (var i = 0; i <= InProcessTurnDeduplicator.MaxRemembered; i++)
        {
            await RunAsync(sut, $"m{i}", "ok");
        }

        var redelivery = sut.ClaimAsync("running", CancellationToken.None);
        await sut.CompleteAsync("running", [Activity.CreateMessage("终于")], CancellationToken.None);

        Assert.Equal("终于", (await redelivery)?.Single().Text);
    }

    private static async Task RunAsync(InProcessTurnDeduplicator sut, string key, string reply)
    {
        Assert.Null(await sut.ClaimAsync(key, CancellationToken.None));
        await sut.CompleteAsync(key, [Activity.CreateMessage(reply)], CancellationToken.None);
    }
}
