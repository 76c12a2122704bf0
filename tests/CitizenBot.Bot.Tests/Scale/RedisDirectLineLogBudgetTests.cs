using System.Text;
using CitizenBot.Bot.Scale;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CitizenBot.Bot.Tests.Scale;

/// <summary>
/// The Direct Line logs in the real Redis of <c>tests/run-all.sh</c> hold at most <c>DirectLine:MaxTotalLogBytes</c>
/// all together, counted across instances. Database 0, whose only other user (the turn tests) keeps no Direct Line log:
/// the total is one set of keys for the whole database.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RedisDirectLineLogBudgetTests : IAsyncLifetime
{
    private const long Budget = 1024 * 1024;
    private static readonly string Text100K = new('x', 100_000);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ConnectionMultiplexer _instanceA = null!;
    private ConnectionMultiplexer _instanceB = null!;
    private RedisDirectLineConversationStore _storeA = null!;
    private RedisDirectLineConversationStore _storeB = null!;

    public async Task InitializeAsync()
    {
        var address = Environment.GetEnvironmentVariable("CITIZENBOT_TEST_REDIS")
            ?? throw new InvalidOperationException("Needs a real Redis: run tests/run-all.sh, or set CITIZENBOT_TEST_REDIS.");
        _instanceA = await ConnectionMultiplexer.ConnectAsync(address);
        _instanceB = await ConnectionMultiplexer.ConnectAsync(address);
        await _instanceA.GetDatabase().KeyDeleteAsync([RedisKeys.DirectLineLogBytes, RedisKeys.DirectLineLogIdle, RedisKeys.DirectLineLogTotal]);
        var options = Options.Create(new DirectLineOptions { MaxTotalLogBytes = Budget });
        _storeA = new RedisDirectLineConversationStore(_instanceA, _time, options);
        _storeB = new RedisDirectLineConversationStore(_instanceB, _time, options);
    }

    public async Task DisposeAsync()
    {
        _storeA.Dispose();
        _storeB.Dispose();
        await _instanceA.DisposeAsync();
        await _instanceB.DisposeAsync();
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task LogsOnTwoInstancesPastTheTotal_DropTheOldestEntriesOfTheLongestIdleConversation()
    {
        var (idle, other, newest) = (NewId(), NewId(), NewId());
        await FillAsync(_storeA, idle, 4);
        _time.Advance(TimeSpan.FromSeconds(1));
        await FillAsync(_storeB, other, 4);
        _time.Advance(TimeSpan.FromSeconds(1));
        await FillAsync(_storeA, newest, 4);

        var idlePage = await _storeB.ReadAsync(idle, 0, CancellationToken.None);
        var held = await BytesHeldAsync(idle, other, newest);

        Assert.True(held <= Budget, $"the logs hold {held:N0} bytes");
        Assert.InRange(idlePage.Activities.Count, 0, 3);
        Assert.Equal(4, idlePage.Watermark);
        Assert.Equal(4, (await _storeA.ReadAsync(other, 0, CancellationToken.None)).Activities.Count);
        Assert.Equal(4, (await _storeA.ReadAsync(newest, 0, CancellationToken.None)).Activities.Count);
        Assert.Equal(held, (long)await _instanceA.GetDatabase().StringGetAsync(RedisKeys.DirectLineLogTotal));
    }

    [Fact]
    public async Task ErasedConversation_LeavesTheTotalAndCostsTheOthersNothing()
    {
        var (erased, first, second) = (NewId(), NewId(), NewId());
        await FillAsync(_storeA, erased, 5);
        await _storeB.EraseAsync(erased, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        await FillAsync(_storeA, first, 4);
        await FillAsync(_storeB, second, 4);

        Assert.Equal(4, (await _storeA.ReadAsync(first, 0, CancellationToken.None)).Activities.Count);
        Assert.Equal(4, (await _storeA.ReadAsync(second, 0, CancellationToken.None)).Activities.Count);
        Assert.Equal(await BytesHeldAsync(first, second), (long)await _instanceA.GetDatabase().StringGetAsync(RedisKeys.DirectLineLogTotal));
    }

    [Fact]
    public async Task ConversationIdlePastTheRetention_LeavesTheTotalWhenRedisHasExpiredIt()
    {
        var (expired, fresh) = (NewId(), NewId());
        await FillAsync(_storeA, expired, 3);
        // Redis expires the keys after the day (here at once); the count forgets them on the next append after it.
        await _instanceA.GetDatabase().KeyDeleteAsync([RedisKeys.DirectLineLog(expired), RedisKeys.DirectLineConversation(expired)]);
        _time.Advance(DirectLineDefaults.ConversationRetention + TimeSpan.FromMinutes(1));
        await FillAsync(_storeB, fresh, 1);

        Assert.Equal(await BytesHeldAsync(fresh), (long)await _instanceA.GetDatabase().StringGetAsync(RedisKeys.DirectLineLogTotal));
    }

    private static string NewId() => "budget-" + Guid.NewGuid().ToString("N");

    private static async Task FillAsync(RedisDirectLineConversationStore store, string conversationId, int count)
    {
        await store.CreateAsync(new DirectLineConversation(conversationId, "dl_user"), CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            await store.AppendAsync(conversationId, new Activity { Type = ActivityTypes.Message, Text = Text100K }, CancellationToken.None);
        }
    }

    private async Task<long> BytesHeldAsync(params string[] conversationIds)
    {
        long held = 0;
        foreach (var id in conversationIds)
        {
            held += (await _instanceA.GetDatabase().ListRangeAsync(RedisKeys.DirectLineLog(id))).Sum(e => (long)Encoding.UTF8.GetByteCount((string)e!));
        }

        return held;
    }
}
