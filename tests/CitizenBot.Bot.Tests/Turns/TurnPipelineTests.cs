using System.Collections.Concurrent;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Turns;
using CitizenBot.Dialogs;
using CitizenBot.Dialogs.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenBot.Bot.Tests.Turns;

public sealed class TurnPipelineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-pipeline-").FullName;

    private readonly List<SqliteTurnDatabase> _databases = [];

    private string Database => Path.Combine(_folder, "state.db");

    [Fact]
    public async Task ProcessAsync_TenMessagesAtOnce_RunOneAtATimeAndLoseNoState()
    {
        var bot = new CountingBot(delay: TimeSpan.FromMilliseconds(5));
        var sut = CreateSut(bot);

        var turns = Enumerable.Range(1, 10).Select(i => Task.Run(() => sut.ProcessAsync(Message($"m{i}"), CancellationToken.None)));
        var outcomes = await Task.WhenAll(turns);

        Assert.Equal(1, bot.MaxConcurrent);
        var counts = outcomes.Select(o => int.Parse(o.Replies.Single().Text!)).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 10), counts);
        var saved = await new SqliteConversationStateStore(OpenDatabase()).LoadAsync("test:conv-1", CancellationToken.None);
        Assert.Equal(10, ConversationState.Deserialize(saved.Data).Values["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ProcessAsync_SameMessageIdDeliveredThreeTimes_RunsDialogsOnceAndRepeatsFirstReply()
    {
        var bot = new CountingBot(delay: TimeSpan.FromMilliseconds(20));
        var sut = CreateSut(bot);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => sut.ProcessAsync(Message("same-id"), CancellationToken.None))));

        Assert.Equal(1, bot.Runs);
        Assert.Single(outcomes, o => o.Status == TurnStatus.Completed);
        Assert.Equal(2, outcomes.Count(o => o.Status == TurnStatus.Duplicate));
        Assert.All(outcomes, o => Assert.Equal("1", o.Replies.Single().Text));
    }

    [Fact]
    public async Task ProcessAsync_SameMessageAfterARestart_FirstRepliesAgainAndDialogsNotRun()
    {
        await CreateSut(new CountingBot()).ProcessAsync(Message("a"), CancellationToken.None);
        var afterRestart = new CountingBot();

        var again = await CreateSut(afterRestart).ProcessAsync(Message("a"), CancellationToken.None);

        Assert.Equal(TurnStatus.Duplicate, again.Status);
        Assert.Equal("1", again.Replies.Single().Text);
        Assert.Equal("user-1", again.Replies.Single().Recipient?.Id);
        Assert.Equal(0, afterRestart.Runs);
    }

    [Fact]
    public async Task ProcessAsync_OlderMessageRedeliveredAfterNewerOnes_NotRunAgainAndNoStaleReply()
    {
        var sut = CreateSut(new CountingBot());
        await sut.ProcessAsync(Message("a"), CancellationToken.None);
        await sut.ProcessAsync(Message("b"), CancellationToken.None);

        var late = await sut.ProcessAsync(Message("a"), CancellationToken.None);
        var next = await sut.ProcessAsync(Message("c"), CancellationToken.None);

        Assert.Equal(TurnStatus.Duplicate, late.Status);
        Assert.Empty(late.Replies);
        Assert.Equal("3", next.Replies.Single().Text);
    }

    [Fact]
    public async Task ProcessAsync_StoreFailsOnTheFirstSaves_RetriedAndSavedOnce()
    {
        var bot = new CountingBot();
        var sut = CreateSut(bot, new FlakyStore(new SqliteConversationStateStore(OpenDatabase())) { FailSavesBefore = 2 });

        var outcome = await sut.ProcessAsync(Message("a"), CancellationToken.None);

        Assert.Equal("1", outcome.Replies.Single().Text);
        Assert.Equal(1, bot.Runs);
        var saved = await new SqliteConversationStateStore(OpenDatabase()).LoadAsync("test:conv-1", CancellationToken.None);
        Assert.Equal(1, ConversationState.Deserialize(saved.Data).Values["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ProcessAsync_SaveLandedButItsAnswerWasLost_TurnCountsOnceAndRepliesNormally()
    {
        var bot = new CountingBot();
        var sut = CreateSut(bot, new FlakyStore(new SqliteConversationStateStore(OpenDatabase())) { LoseAnswerOfSave = 1 });

        var outcome = await sut.ProcessAsync(Message("a"), CancellationToken.None);
        var next = await sut.ProcessAsync(Message("b"), CancellationToken.None);

        Assert.Equal(TurnStatus.Completed, outcome.Status);
        Assert.Equal("1", outcome.Replies.Single().Text);
        Assert.Equal("2", next.Replies.Single().Text);
        Assert.Equal(2, bot.Runs);
    }

    [Fact]
    public async Task ProcessAsync_StoreStaysDown_ApologyInsteadOfAnErrorAndNothingRun()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var bot = new CountingBot();
        var sut = CreateSut(bot, new FlakyStore(new SqliteConversationStateStore(OpenDatabase())) { FailLoads = true }, time);

        var turn = sut.ProcessAsync(Message("a"), CancellationToken.None);
        while (!turn.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(5);
        }

        var outcome = await turn;
        Assert.Contains("出了点问题", outcome.Replies.Single().Text);
        Assert.Equal(0, bot.Runs);
    }

    [Fact]
    public async Task ProcessAsync_StateSurvivesANewStoreOnTheSameFile()
    {
        await CreateSut(new CountingBot()).ProcessAsync(Message("a"), CancellationToken.None);

        var afterRestart = await CreateSut(new CountingBot()).ProcessAsync(Message("b"), CancellationToken.None);

        Assert.Equal("2", afterRestart.Replies.Single().Text);
    }

    [Fact]
    public async Task ProcessAsync_JobQueueTimesOutDuringTheTurn_TurnRunAgainAndAnswered()
    {
        // A ticket committed, then queuing its job timed out on Redis: the turn runs again (the submit is idempotent).
        var bot = new CountingBot { FailNextWith = new Hangfire.BackgroundJobClientException("job creation failed", new TimeoutException("redis")) };
        var sut = CreateSut(bot);

        var outcome = await sut.ProcessAsync(Message("a"), CancellationToken.None);

        Assert.Equal("1", outcome.Replies.Single().Text);
        Assert.Equal(2, bot.Runs);
    }

    [Fact]
    public async Task ProcessAsync_WaitedOutADeadInstancesLeaseThenTheJobQueueTimesOut_RunAgainAndAnswered()
    {
        // Scaled out, a retry after a crash waits for the dead instance's lock to lapse; that wait is not the store
        // failing, so the turn still has its retries when queuing a job then times out once.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var bot = new CountingBot { FailNextWith = new Hangfire.BackgroundJobClientException("job creation failed", new TimeoutException("redis")) };
        var waitedLock = new SlowLock(new InProcessConversationLock(), time, TurnPipeline.StoreRetryBudget + TimeSpan.FromSeconds(5));
        var sut = new TurnPipeline(bot, new SqliteConversationStateStore(OpenDatabase()), waitedLock,
            new SqliteConversationReferenceStore(OpenDatabase()), time, NullLogger<TurnPipeline>.Instance);

        var turn = sut.ProcessAsync(Message("a"), CancellationToken.None);
        while (!turn.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        var outcome = await turn;
        Assert.Equal("1", outcome.Replies.Single().Text);
        Assert.Equal(2, bot.Runs);
    }

    [Fact]
    public async Task ProcessAsync_DialogsThrow_StateNotSavedAndApologyReturned()
    {
        var sut = CreateSut(new CountingBot());
        await sut.ProcessAsync(Message("a"), CancellationToken.None);

        var failing = CreateSut(new CountingBot { FailNext = true });
        var outcome = await failing.ProcessAsync(Message("b"), CancellationToken.None);
        var next = await CreateSut(new CountingBot()).ProcessAsync(Message("c"), CancellationToken.None);

        Assert.Contains("出了点问题", outcome.Replies.Single().Text);
        Assert.Equal("2", next.Replies.Single().Text);
    }

    [Fact]
    public async Task ProcessAsync_VersionChangedDuringTurn_ReRunsOnFreshStateInsteadOfOverwriting()
    {
        var store = new SqliteConversationStateStore(OpenDatabase());
        var bot = new CountingBot();
        var interfering = new InterferingStore(store);
        var sut = CreateSut(bot, interfering);

        var outcome = await sut.ProcessAsync(Message("a"), CancellationToken.None);

        // The other writer's increment is kept: the turn re-ran on top of it.
        Assert.Equal("2", outcome.Replies.Single().Text);
        Assert.Equal(2, bot.Runs);
    }

    [Fact]
    public async Task ProcessAsync_RepliesAreAddressedBackToTheSender()
    {
        var outcome = await CreateSut(new CountingBot()).ProcessAsync(Message("a"), CancellationToken.None);

        var reply = outcome.Replies.Single();
        Assert.Equal("user-1", reply.Recipient?.Id);
        Assert.Equal(RoleTypes.Bot, reply.From?.Role);
        Assert.Equal("a", reply.ReplyToId);
        Assert.Equal("conv-1", reply.Conversation?.Id);
        Assert.Equal("test", reply.ChannelId);
    }

    [Fact]
    public async Task ProcessAsync_KeepsConversationReferenceForProactiveMessages()
    {
        await CreateSut(new CountingBot()).ProcessAsync(Message("a"), CancellationToken.None);

        var reference = await new SqliteConversationReferenceStore(OpenDatabase()).FindAsync("test", "user-1", CancellationToken.None);

        Assert.Equal("conv-1", reference?.ConversationId);
    }

    public void Dispose()
    {
        _databases.ForEach(database => database.Dispose());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A new database object on the same file, as after a restart.</summary>
    private SqliteTurnDatabase OpenDatabase()
    {
        var database = new SqliteTurnDatabase(Database);
        _databases.Add(database);
        return database;
    }

    private TurnPipeline CreateSut(IDialogBot bot, IConversationStateStore? store = null, TimeProvider? time = null) => new(
        bot,
        store ?? new SqliteConversationStateStore(OpenDatabase()),
        new InProcessConversationLock(),
        new SqliteConversationReferenceStore(OpenDatabase()),
        time ?? TimeProvider.System,
        NullLogger<TurnPipeline>.Instance);

    private static Activity Message(string id) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = "test",
        Conversation = new ConversationAccount("conv-1"),
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Recipient = new ChannelAccount("bot", role: RoleTypes.Bot),
        Text = "hi",
    };

    /// <summary>Counts turns in conversation state and replies with the new count.</summary>
    private sealed class CountingBot(TimeSpan delay = default) : IDialogBot
    {
        private int _current;
        private int _maxConcurrent;
        private int _runs;

        public bool FailNext { get; set; }

        private Exception? _failNextWith;

        /// <summary>Thrown by the next turn only.</summary>
        public Exception? FailNextWith { get => _failNextWith; init => _failNextWith = value; }

        public int MaxConcurrent => _maxConcurrent;

        public int Runs => _runs;

        public async Task<IReadOnlyList<Activity>> OnTurnAsync(Activity activity, ConversationState state, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            var now = Interlocked.Increment(ref _current);
            InterlockedMax(ref _maxConcurrent, now);
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken);
                }

                if (FailNext)
                {
                    throw new InvalidOperationException("boom");
                }

                if (Interlocked.Exchange(ref _failNextWith, null) is { } failure)
                {
                    throw failure;
                }

                var count = (state.Values["count"]?.GetValue<int>() ?? 0) + 1;
                state.Values["count"] = count;
                return [Activity.CreateMessage(count.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            }
            finally
            {
                Interlocked.Decrement(ref _current);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>A lock whose grant comes only after <paramref name="wait"/> has passed on the clock (a lapsing lease).</summary>
    private sealed class SlowLock(IConversationLock inner, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, TimeSpan wait) : IConversationLock
    {
        public ValueTask<IConversationLease> AcquireAsync(string key, CancellationToken cancellationToken)
        {
            time.Advance(wait);
            return inner.AcquireAsync(key, cancellationToken);
        }
    }

    /// <summary>Another writer saves once between this turn's load and save.</summary>
    private sealed class InterferingStore(IConversationStateStore inner) : IConversationStateStore
    {
        private readonly ConcurrentQueue<bool> _interfereOnce = new([true]);

        public Task<StoredState> LoadAsync(string key, CancellationToken cancellationToken) => inner.LoadAsync(key, cancellationToken);

        public async Task<bool> TrySaveAsync(string key, byte[] data, byte[]? turns, long expectedVersion, IConversationLease lease, CancellationToken cancellationToken)
        {
            if (_interfereOnce.TryDequeue(out _))
            {
                var other = new ConversationState();
                other.Values["count"] = 1;
                await inner.TrySaveAsync(key, other.Serialize(), null, expectedVersion, lease, cancellationToken);
            }

            return await inner.TrySaveAsync(key, data, turns, expectedVersion, lease, cancellationToken);
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }

    /// <summary>A store that times out: on loads, on the first saves, or after a save has landed (its answer lost).</summary>
    private sealed class FlakyStore(IConversationStateStore inner) : IConversationStateStore
    {
        private int _saves;

        public bool FailLoads { get; init; }

        public int FailSavesBefore { get; init; }

        public int LoseAnswerOfSave { get; init; }

        public Task<StoredState> LoadAsync(string key, CancellationToken cancellationToken) =>
            FailLoads ? throw new TimeoutException("store away") : inner.LoadAsync(key, cancellationToken);

        public async Task<bool> TrySaveAsync(string key, byte[] data, byte[]? turns, long expectedVersion, IConversationLease lease, CancellationToken cancellationToken)
        {
            var save = Interlocked.Increment(ref _saves);
            if (save <= FailSavesBefore)
            {
                throw new TimeoutException("store away");
            }

            var saved = await inner.TrySaveAsync(key, data, turns, expectedVersion, lease, cancellationToken);
            return save == LoseAnswerOfSave ? throw new TimeoutException("answer lost") : saved;
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }
}
