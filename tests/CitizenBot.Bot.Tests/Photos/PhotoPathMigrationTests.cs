using CitizenBot.Bot.Data;
using CitizenBot.Bot.Tests.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CitizenBot.Bot.Tests.Photos;

/// <summary>
/// Photos taken in before their paths were kept on the record: the migration gives them the names the photo folder
/// used then, so their links keep working; photos taken in afterwards keep their own.
/// </summary>
public abstract class PhotoPathMigrationTests : IAsyncLifetime
{
    private const string PhotoId = "0193a1b2c3d4e5f60718293a4b5c6d7e";

    /// <summary>The last migration before the paths were kept.</summary>
    private protected abstract string MigrationBefore { get; }

    private protected abstract CitizenBotDbContext CreateContext();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PhotoStoredBeforePathsWereKept_GetsTheFolderNamesOfThen()
    {
        await using (var db = CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO ticket_photos ("Id", "ChannelId", "UserId", "Sha256", "Width", "Height", "Bytes", "CreatedAt")
                VALUES ({PhotoId}, 'directline', 'user-1', 'ab', 640, 480, 1000, 0)
                """);
            await db.Database.MigrateAsync();
        }

        await using var read = CreateContext();
        var photo = await read.Photos.AsNoTracking().SingleAsync(p => p.Id == PhotoId);

        Assert.Equal((PhotoId + ".jpg", PhotoId + ".thumb.jpg"), (photo.FilePath, photo.ThumbnailPath));
    }
}

/// <summary>On the embedded SQLite database.</summary>
public sealed class SqlitePhotoPathMigrationTests : PhotoPathMigrationTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "citizenbot-photos-" + Guid.NewGuid().ToString("N") + ".db");

    private protected override string MigrationBefore => "20261205014500_InsightRollupHeatAndDurationHistograms";

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    private protected override CitizenBotDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<CitizenBotDbContext>().UseSqlite($"Data Source={_path}").Options);
}

/// <summary>On a real PostgreSQL (a throwaway database of tests/run-all.sh's server).</summary>
[Trait("Category", "Integration")]
public sealed class PostgresPhotoPathMigrationTests : PhotoPathMigrationTests
{
    private string _connectionString = "";

    private protected override string MigrationBefore => "20261205014505_InsightRollupHeatAndDurationHistograms";

    public override async Task InitializeAsync()
    {
        _connectionString = await ThrowawayPostgres.CreateDatabaseAsync();
    }

    public override Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    private protected override CitizenBotDbContext CreateContext() =>
        new PostgresCitizenBotDbContext(new DbContextOptionsBuilder<PostgresCitizenBotDbContext>().UseNpgsql(_connectionString).Options);
}
