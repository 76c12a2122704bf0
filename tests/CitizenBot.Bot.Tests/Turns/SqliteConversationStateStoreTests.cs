using System.Text;
using CitizenBot.Bot.Turns;

namespace CitizenBot.Bot.Tests.Turns;

public sealed class SqliteConversationStateStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-state-").FullName;
    private readonly List<SqliteTurnDatabase> _databases = [];

    [Fact]
    public async Task TrySaveAsync_TwoHundredConversationsAtOnce_EachSavedAndReadableAfterRestart()
    {
        var store = new SqliteConversationStateStore(Open());

        var saves = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => store.TrySaveAsync($"c{i}", Bytes($"state {i}"), null, 0, NoLease.Instance, CancellationToken.None)));
        var results = await Task.WhenAll(saves);

        Assert.All(results, Assert.True);
        var afterRestart = new SqliteConversationStateStore(Open());
        for (var i = 0; i < 200; i++)
        {
            var loaded = await afterRestart.LoadAsync($"c{i}", CancellationToken.None);
            Assert.Equal($"state {i}", Text(loaded.Data));
            Assert.Equal(1, loaded.Version);
        }
    }

    [Fact]
    public async Task TrySaveAsync_StaleVersionAmongOthersAtOnce_OnlyTheStaleOneRefusedAndNewerDataKept()
    {
        var store = new SqliteConversationStateStore(Open());
        Assert.True(await store.TrySaveAsync("shared", Bytes("first"), null, 0, NoLease.Instance, CancellationToken.None));
        Assert.True(await store.TrySaveAsync("shared", Bytes("second"), null, 1, NoLease.Instance, CancellationToken.None));

        var stale = store.TrySaveAsync("shared", Bytes("stale"), null, 1, NoLease.Instance, CancellationToken.None);
        var others = Enumerable.Range(0, 20).Select(i => store.TrySaveAsync($"other{i}", Bytes("x"), null, 0, NoLease.Instance, CancellationToken.None)).ToList();

        Assert.False(await stale);
        Assert.All(await Task.WhenAll(others), Assert.True);
        var loaded = await store.LoadAsync("shared", CancellationToken.None);
        Assert.Equal(("second", 2L), (Text(loaded.Data), loaded.Version));
        var fromDisk = await new SqliteConversationStateStore(Open()).LoadAsync("shared", CancellationToken.None);
        Assert.Equal(("second", 2L), (Text(fromDisk.Data), fromDisk.Version));
    }

    [Fact]
    public async Task LoadAsync_MoreConversationsThanTheCacheHolds_OldestStillLoadedFromDisk()
    {
        var store = new SqliteConversationStateStore(Open());
        var count = SqliteConversationStateStore.CachedConversations * 2;

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => store.TrySaveAsync($"c{i}", Bytes($"state {i}"), null, 0, NoLease.Instance, CancellationToken.None)));

        var oldest = await store.LoadAsync("c0", CancellationToken.None);
        Assert.Equal(("state 0", 1L), (Text(oldest.Data), oldest.Version));
        Assert.True(await store.TrySaveAsync("c0", Bytes("state 0 again"), null, 1, NoLease.Instance, CancellationToken.None));
        Assert.Equal("state 0 again", Text((await store.LoadAsync("c0", CancellationToken.None)).Data));
    }

    [Fact]
    public async Task DeleteAsync_SavedConversation_LoadFindsNothingAndANewConversationStarts()
    {
        var store = new SqliteConversationStateStore(Open());
        await store.TrySaveAsync("gone", Bytes("state"), null, 0, NoLease.Instance, CancellationToken.None);

        await store.DeleteAsync("gone", CancellationToken.None);

        Assert.Equal(new StoredState(null, 0), await store.LoadAsync("gone", CancellationToken.None));
        Assert.True(await store.TrySaveAsync("gone", Bytes("new"), null, 0, NoLease.Instance, CancellationToken.None));
    }

    [Fact]
    public async Task TrySaveAsync_CallerAlreadyGaveUp_NothingWritten()
    {
        var store = new SqliteConversationStateStore(Open());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.TrySaveAsync("c", Bytes("state"), null, 0, NoLease.Instance, new CancellationToken(canceled: true)));

        Assert.Equal(0, (await new SqliteConversationStateStore(Open()).LoadAsync("c", CancellationToken.None)).Version);
    }

    public void Dispose()
    {
        _databases.ForEach(database => database.Dispose());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteTurnDatabase Open()
    {
        var database = new SqliteTurnDatabase(Path.Combine(_folder, "state.db"));
        _databases.Add(database);
        return database;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(byte[]? data) => data is null ? null : Encoding.UTF8.GetString(data);

    /// <summary>The in-process store ignores the lease (one process: the version check is enough).</summary>
    private sealed class NoLease : IConversationLease
    {
        public static readonly NoLease Instance = new();

        public long FencingToken => 0;

        public StoredState? State => null;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
