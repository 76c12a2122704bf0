using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Tests.Turns;

public sealed class SqliteConversationReferenceStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-references-").FullName;
    private readonly List<SqliteTurnDatabase> _databases = [];

    [Fact]
    public async Task FindAsync_MoreUsersThanTheCacheHolds_EveryReferenceFoundAfterRestart()
    {
        var store = new SqliteConversationReferenceStore(Open());
        var count = SqliteConversationReferenceStore.CachedReferences + 10;

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => store.SaveAsync(new ConversationReference("wechat", $"conv{i}", $"user{i}"), CancellationToken.None)));

        var afterRestart = new SqliteConversationReferenceStore(Open());
        Assert.Equal("conv0", (await afterRestart.FindAsync("wechat", "user0", CancellationToken.None))?.ConversationId);
        Assert.Equal($"conv{count - 1}", (await afterRestart.FindAsync("wechat", $"user{count - 1}", CancellationToken.None))?.ConversationId);
    }

    [Fact]
    public async Task SaveAsync_UserMovesToANewConversation_LatestOneFound()
    {
        var store = new SqliteConversationReferenceStore(Open());
        await store.SaveAsync(new ConversationReference("webchat", "old", "user"), CancellationToken.None);

        await store.SaveAsync(new ConversationReference("webchat", "new", "user"), CancellationToken.None);

        Assert.Equal("new", (await store.FindAsync("webchat", "user", CancellationToken.None))?.ConversationId);
        Assert.Equal("new", (await new SqliteConversationReferenceStore(Open()).FindAsync("webchat", "user", CancellationToken.None))?.ConversationId);
    }

    [Fact]
    public async Task DeleteAsync_SavedReference_NotFoundAnyMore()
    {
        var store = new SqliteConversationReferenceStore(Open());
        await store.SaveAsync(new ConversationReference("webchat", "conv", "user"), CancellationToken.None);

        await store.DeleteAsync("webchat", "user", CancellationToken.None);

        Assert.Null(await store.FindAsync("webchat", "user", CancellationToken.None));
        Assert.Null(await new SqliteConversationReferenceStore(Open()).FindAsync("webchat", "user", CancellationToken.None));
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
}
