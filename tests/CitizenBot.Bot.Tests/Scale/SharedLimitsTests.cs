using System.Security.Cryptography;
using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Scale;
using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CitizenBot.Bot.Tests.Scale;

/// <summary>
/// Limits that hold across instances when the bot is scaled out: each instance here has its own connection to the real
/// Redis of <c>tests/run-all.sh</c> (<c>CITIZENBOT_TEST_REDIS</c>) and its own upload folder, so nothing but Redis is shared.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SharedLimitsTests : IAsyncLifetime
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[996]];

    private readonly string _work = Directory.CreateTempSubdirectory("citizenbot-shared-limits-").FullName;
    private ConnectionMultiplexer _instanceA = null!;
    private ConnectionMultiplexer _instanceB = null!;

    public async Task InitializeAsync()
    {
        var redis = Environment.GetEnvironmentVariable("CITIZENBOT_TEST_REDIS");
        if (string.IsNullOrEmpty(redis))
        {
            throw new InvalidOperationException("The shared limits need a real Redis: run tests/run-all.sh (it starts one), or set CITIZENBOT_TEST_REDIS.");
        }

        var options = $"{redis},defaultDatabase={RandomNumberGenerator.GetInt32(1, 16)}";
        _instanceA = await ConnectionMultiplexer.ConnectAsync(options);
        _instanceB = await ConnectionMultiplexer.ConnectAsync(options);
    }

    [Fact]
    public void OpsLogin_WrongPasswordsSpreadOverTwoInstances_LockTheAddressOutOnBoth()
    {
        var guesser = "203.0.113.7-" + Guid.NewGuid().ToString("N");
        var bystander = "203.0.113.8-" + Guid.NewGuid().ToString("N");
        var a = new LoginThrottle(TimeProvider.System, _instanceA);
        var b = new LoginThrottle(TimeProvider.System, _instanceB);

        for (var i = 0; i < LoginThrottle.MaxFailures / 2; i++)
        {
            a.Fail(guesser);
            b.Fail(guesser);
        }

        Assert.True(a.IsLocked(guesser));
        Assert.True(b.IsLocked(guesser));
        Assert.False(a.IsLocked(bystander));
        Assert.False(b.IsLocked(bystander));
    }

    [Fact]
    public void OpsLogin_OneFailureShortOfTheLimitOverTwoInstances_StillLetsTheRightPasswordIn()
    {
        var client = "203.0.113.9-" + Guid.NewGuid().ToString("N");
        var a = new LoginThrottle(TimeProvider.System, _instanceA);
        var b = new LoginThrottle(TimeProvider.System, _instanceB);
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
        {
            (i % 2 == 0 ? a : b).Fail(client);
        }

        Assert.False(b.IsLocked(client));
        a.Succeed(client);
        b.Fail(client);
        Assert.False(a.IsLocked(client));
    }

    [Fact]
    public async Task Upload_OneConversationOverTwoInstances_GetsOneHourlyAllowanceInAll()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        var (a, b) = (Folder(_instanceA, "a", o => o.MaxUploadsPerConversationPerHour = 3), Folder(_instanceB, "b", o => o.MaxUploadsPerConversationPerHour = 3));

        var kept = new[] { await SaveAsync(a, conversation), await SaveAsync(b, conversation), await SaveAsync(a, conversation) };
        var fourthOnB = await SaveAsync(b, conversation);
        var fourthOnA = await SaveAsync(a, conversation);
        var otherConversation = await SaveAsync(b, "conv-" + Guid.NewGuid().ToString("N"));

        Assert.All(kept, r => Assert.Equal(UploadRejection.None, r));
        Assert.Equal(UploadRejection.ConversationQuota, fourthOnB);
        Assert.Equal(UploadRejection.ConversationQuota, fourthOnA);
        Assert.Equal(UploadRejection.None, otherConversation);
    }

    [Fact]
    public async Task Upload_OneConversationsBytesOverTwoInstances_CountAgainstOneDailyBudget()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        var (a, b) = (Folder(_instanceA, "a", o => o.MaxUploadBytesPerConversationPerDay = 2500), Folder(_instanceB, "b", o => o.MaxUploadBytesPerConversationPerDay = 2500));

        var first = await SaveAsync(a, conversation);
        var second = await SaveAsync(b, conversation);
        var third = await SaveAsync(a, conversation);

        Assert.Equal(UploadRejection.None, first);
        Assert.Equal(UploadRejection.None, second);
        Assert.Equal(UploadRejection.ConversationQuota, third);
    }

    public async Task DisposeAsync()
    {
        await _instanceA.DisposeAsync();
        await _instanceB.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private DirectLineUploadFolder Folder(IConnectionMultiplexer redis, string instance, Action<DirectLineOptions> configure)
    {
        var options = new DirectLineOptions { UploadDirectory = Path.Combine(_work, instance) };
        configure(options);
        return new DirectLineUploadFolder(Options.Create(options), new KeepAsSent(), new RedisDirectLineRateLimiter(redis), TimeProvider.System);
    }

    private static async Task<UploadRejection> SaveAsync(DirectLineUploadFolder folder, string conversationId)
    {
        using var content = new MemoryStream(Jpeg);
        return (await folder.SaveAsync(conversationId, content, CancellationToken.None)).Rejection;
    }

    /// <summary>Takes every file as it is: these tests are about counting, not cleaning.</summary>
    private sealed class KeepAsSent : IDirectLineImageSanitizer
    {
        public ImageHeader CheckHeader(ReadOnlySpan<byte> prefix, bool complete) => ImageHeader.Plausible;

        public Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            Task.FromResult<(SanitizedImage?, ImageRefusal)>((new SanitizedImage(content.ToArray(), ImageSignature.Jpeg, null), ImageRefusal.None));
    }
}
