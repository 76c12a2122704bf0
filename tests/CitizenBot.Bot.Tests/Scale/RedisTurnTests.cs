using CitizenBot.Bot.Scale;
using CitizenBot.Bot.Tests.Center;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Turns;
using CitizenBot.Dialogs;
using CitizenBot.Dialogs.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace CitizenBot.Bot.Tests.Scale;

/// <summary>
/// A turn scaled out, on a real Redis (tests/run-all.sh starts one): what it sends (every command it sends, as the
/// client's own profiler records them) and that the lock keeps its promises when the state is read with the grant
/// and the lock released with the save.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RedisTurnTests : IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;
    private ConnectionMultiplexer _admin = null!;
    private RedisConversationLock _locks = null!;
    private ProfilingSession? _profiling;

    public async Task InitializeAsync()
    {
        var address = Environment.GetEnvironmentVariable("CITIZENBOT_TEST_REDIS")
            ?? throw new InvalidOperationException("Needs a real Redis: run tests/run-all.sh, or set CITIZENBOT_TEST_REDIS.");
        _redis = await ConnectionMultiplexer.ConnectAsync(address);
        _admin = await ConnectionMultiplexer.ConnectAsync(address + ",allowAdmin=true");
        _redis.RegisterProfiler(() => _profiling);
        _locks = new RedisConversationLock(_redis, NullLogger<RedisConversationLock>.Instance);
    }

    public async Task DisposeAsync()
    {
        _locks.Dispose();
        await _redis.DisposeAsync();
        await _admin.DisposeAsync();
    }

    [Fact]
    public async Task OneTurn_ThreeRoundTrips_LockWithStateSaveWithReleaseAndTheReference()
    {
        var conversation = NewConversation();
        var pipeline = Pipeline(new CountingBot());
        await pipeline.ProcessAsync(Message(conversation, "m1"), CancellationToken.None);

        var before = await ScriptCallsAsync();

        var sent = await ProfileAsync(() => pipeline.ProcessAsync(Message(conversation, "m2"), CancellationToken.None));

        // The client names both scripts EVAL; loaded, they went by their SHA1, without their text.
        Assert.Equal(new[] { "EVAL", "EVAL", "SET" }, sent.Commands.Select(c => c.Command));
        Assert.Equal((before.Eval, before.EvalSha + 2), await ScriptCallsAsync());
        Assert.Equal("2", sent.Outcome.Replies.Single().Text);
        Assert.False(await _redis.GetDatabase().KeyExistsAsync(RedisKeys.Lock($"test:{conversation}")));
    }

    [Fact]
    public async Task ScriptsGoneFromTheServer_TurnsGoOnAndTheScriptsAreSentAsText()
    {
        var conversation = NewConversation();
        var pipeline = Pipeline(new CountingBot());
        await pipeline.ProcessAsync(Message(conversation, "m1"), CancellationToken.None);
        // What a Redis restart or failover to a fresh server does to the script cache.
        foreach (var endpoint in _admin.GetEndPoints())
        {
            await _admin.GetServer(endpoint).ScriptFlushAsync();
        }

        var before = await ScriptCallsAsync();

        var again = await pipeline.ProcessAsync(Message(conversation, "m2"), CancellationToken.None);

        Assert.Equal("2", again.Replies.Single().Text);
        Assert.True((await ScriptCallsAsync()).Eval > before.Eval, "the scripts went again as text");
    }

    [Fact]
    public async Task SameMessageAgain_TwoRoundTripsAndTheFirstReplyWithoutRunningTheDialogs()
    {
        var conversation = NewConversation();
        var bot = new CountingBot();
        var pipeline = Pipeline(bot);
        await pipeline.ProcessAsync(Message(conversation, "m1"), CancellationToken.None);

        var sent = await ProfileAsync(() => pipeline.ProcessAsync(Message(conversation, "m1"), CancellationToken.None));

        Assert.Equal(new[] { "EVAL", "EVAL" }, sent.Commands.Select(c => c.Command));
        Assert.Equal(TurnStatus.Duplicate, sent.Outcome.Status);
        Assert.Equal("1", sent.Outcome.Replies.Single().Text);
        Assert.Equal(1, bot.Runs);
    }

    [Fact]
    public async Task SecondTurnWhileTheFirstRuns_WaitsForTheLockAndSeesTheFirstTurnsState()
    {
        var conversation = NewConversation();
        var bot = new CountingBot { Gate = new TaskCompletionSource() };
        var pipeline = Pipeline(bot);
        var first = Task.Run(() => pipeline.ProcessAsync(Message(conversation, "m1"), CancellationToken.None));
        await bot.Started.Task;

        var second = Task.Run(() => pipeline.ProcessAsync(Message(conversation, "m2"), CancellationToken.None));
        // The second turn has asked for the lock and is waiting in its queue; the first still runs.
        await Eventually.TrueAsync(
            async () => await _redis.GetDatabase().SortedSetLengthAsync(RedisKeys.LockQueue($"test:{conversation}")) > 0 || second.IsCompleted,
            "the second turn queued for the lock");
        Assert.False(second.IsCompleted);
        bot.Gate.SetResult();

        Assert.Equal("1", (await first).Replies.Single().Text);
        Assert.Equal("2", (await second).Replies.Single().Text);
    }

    [Fact]
    public async Task ReleasePublished_OnlyWhenAnotherTurnOfTheConversationWaits()
    {
        var conversation = NewConversation();
        var key = $"test:{conversation}";
        var published = new List<string>();
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = _admin.GetSubscriber();
        var channel = RedisChannel.Literal(RedisKeys.LockReleased);
        await subscriber.SubscribeAsync(channel, (_, message) =>
        {
            if (message == key)
            {
                lock (published)
                {
                    published.Add(message!);
                }

                heard.TrySetResult();
            }
        });
        var alone = Pipeline(new CountingBot());
        // A turn with no one waiting: its release goes to no instance.
        await alone.ProcessAsync(Message(conversation, "m1"), CancellationToken.None);

        var held = new CountingBot { Gate = new TaskCompletionSource() };
        var pipeline = Pipeline(held);
        var first = Task.Run(() => pipeline.ProcessAsync(Message(conversation, "m2"), CancellationToken.None));
        await held.Started.Task;
        var second = Task.Run(() => pipeline.ProcessAsync(Message(conversation, "m3"), CancellationToken.None));
        await Eventually.TrueAsync(
            async () => await _redis.GetDatabase().SortedSetLengthAsync(RedisKeys.LockQueue(key)) > 0 || second.IsCompleted,
            "the second turn queued for the lock");
        held.Gate.SetResult();
        await first;
        await second;
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await subscriber.UnsubscribeAsync(channel);

        // Messages arrive in publish order: the waited-for release is the only one, the lone turn's came before it or never.
        Assert.Equal([key], published);
    }

    [Fact]
    public async Task TurnLongerThanAThirdOfTheLease_LeaseRenewed_AndReleasedWhenItEnds()
    {
        var key = $"test:{NewConversation()}";
        var database = _redis.GetDatabase();
        var lease = await _locks.AcquireAsync(key, CancellationToken.None);

        // Renewed every third of the lease: without it, 3 s past the first renewal only a third of the lease would be left.
        await Task.Delay(RedisConversationLock.LeaseTime / 3 + TimeSpan.FromSeconds(3));
        Assert.True(await database.KeyTimeToLiveAsync(RedisKeys.Lock(key)) > RedisConversationLock.LeaseTime / 2);

        await lease.DisposeAsync();
        Assert.False(await database.KeyExistsAsync(RedisKeys.Lock(key)));
    }

    [Fact]
    public async Task SaveUnderALapsedLock_RefusedAndTheNewHoldersLockNotReleased()
    {
        var key = $"test:{NewConversation()}";
        var store = new RedisConversationStateStore(_redis);
        var lapsed = await _locks.AcquireAsync(key, CancellationToken.None);
        // The lease lapsed (its instance paused past it) and another turn got the lock.
        await _redis.GetDatabase().KeyDeleteAsync(RedisKeys.Lock(key));
        var current = await _locks.AcquireAsync(key, CancellationToken.None);

        Assert.False(await store.TrySaveAsync(key, [1], null, 0, lapsed, CancellationToken.None));
        Assert.True(await _redis.GetDatabase().KeyExistsAsync(RedisKeys.Lock(key)));
        Assert.True(await store.TrySaveAsync(key, [2], null, 0, current, CancellationToken.None));
        Assert.False(await _redis.GetDatabase().KeyExistsAsync(RedisKeys.Lock(key)));
        Assert.Equal(new byte[] { 2 }, (await store.LoadAsync(key, CancellationToken.None)).Data);
        await lapsed.DisposeAsync();
        await current.DisposeAsync();
    }

    [Fact]
    public async Task Grant_StateReadWithTheLock_SameAsALoad()
    {
        var key = $"test:{NewConversation()}";
        var store = new RedisConversationStateStore(_redis);
        await using (var first = await _locks.AcquireAsync(key, CancellationToken.None))
        {
            Assert.Equal(new StoredState(null, 0), first.State);
            Assert.True(await store.TrySaveAsync(key, [7, 8], [9], 0, first, CancellationToken.None));
        }

        await using var second = await _locks.AcquireAsync(key, CancellationToken.None);

        var granted = second.State!.Value;
        var loaded = await store.LoadAsync(key, CancellationToken.None);
        Assert.Equal(("0708", 1L, "09"), Hex(granted));
        Assert.Equal(Hex(loaded), Hex(granted));
    }

    private static (string? Data, long Version, string? Turns) Hex(StoredState state) =>
        (state.Data is null ? null : Convert.ToHexString(state.Data), state.Version, state.Turns is null ? null : Convert.ToHexString(state.Turns));

    /// <summary>How often the server ran a script from its text (EVAL) and by its SHA1 (EVALSHA), from INFO commandstats.</summary>
    private async Task<(long Eval, long EvalSha)> ScriptCallsAsync()
    {
        var server = _admin.GetServer(_admin.GetEndPoints()[0]);
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        static long Calls(Dictionary<string, string> stats, string command) =>
            stats.TryGetValue("cmdstat_" + command, out var line) ? long.Parse(line.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (Calls(stats, "eval"), Calls(stats, "evalsha"));
    }

    private static string NewConversation() => $"conv-{Guid.NewGuid():N}";

    private async Task<Profiled> ProfileAsync(Func<Task<TurnOutcome>> turn)
    {
        _profiling = new ProfilingSession();
        var outcome = await turn();
        var sent = _profiling.FinishProfiling().ToList();
        _profiling = null;
        return new Profiled(sent, outcome);
    }

    private TurnPipeline Pipeline(IDialogBot bot) => new(
        bot,
        new RedisConversationStateStore(_redis),
        _locks,
        new RedisConversationReferenceStore(_redis),
        TimeProvider.System,
        NullLogger<TurnPipeline>.Instance);

    private static Activity Message(string conversation, string id) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = "test",
        Conversation = new ConversationAccount(conversation),
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Recipient = new ChannelAccount("bot", role: RoleTypes.Bot),
        Text = "hi",
    };

    /// <summary>Every command one turn sent, in order (a script shows as EVALSHA once the server has it), and its outcome.</summary>
    private sealed record Profiled(List<IProfiledCommand> Commands, TurnOutcome Outcome);

    /// <summary>Counts turns in the conversation state; can hold a turn open until <see cref="Gate"/> is set.</summary>
    private sealed class CountingBot : IDialogBot
    {
        private int _runs;

        public TaskCompletionSource? Gate { get; init; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs => _runs;

        public async Task<IReadOnlyList<Activity>> OnTurnAsync(Activity activity, ConversationState state, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            Started.TrySetResult();
            if (Gate is not null)
            {
                await Gate.Task.WaitAsync(cancellationToken);
            }

            var count = (state.Values["count"]?.GetValue<int>() ?? 0) + 1;
            state.Values["count"] = count;
            return [Activity.CreateMessage(count.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        }
    }
}
