using CitizenBot.Bot.Storage;

namespace CitizenBot.Bot.Tests.Security;

/// <summary>The key generated on first start: kept, and the same for every instance that shares the data folder.</summary>
public sealed class SecretKeyFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citizenbot-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void LoadOrCreate_SecondStart_ReadsTheKeyTheFirstWrote()
    {
        var first = SecretKeyFile.LoadOrCreate(_folder, "token");

        Assert.Equal(first, SecretKeyFile.LoadOrCreate(_folder, "token"));
        Assert.Equal(32, first.Length);
    }

    [Fact]
    public void LoadOrCreate_ManyStartingAtOnce_AllGetTheOneKeyOnDiskAndNoTemporaryFileIsLeft()
    {
        // Twenty first starts, sixteen instances each: a race shows within a few of them.
        for (var start = 0; start < 20; start++)
        {
            var name = $"token{start}";
            var keys = new byte[16][];
            Parallel.For(0, keys.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => keys[i] = SecretKeyFile.LoadOrCreate(_folder, name));

            var onDisk = SecretKeyFile.LoadOrCreate(_folder, name);
            Assert.All(keys, key => Assert.Equal(onDisk, key));
        }

        Assert.Equal(20, Directory.GetFiles(Path.Combine(_folder, "keys"), "*.key").Length);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "keys"), "*.tmp"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
