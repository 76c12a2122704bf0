using System.Security.Cryptography;
using CitizenBot.Bot.Tests.TestData;
using CitizenBot.Bot.Tests.WeChat;
using CitizenBot.Testing.WeChat;
using Npgsql;
using StackExchange.Redis;

namespace CitizenBot.Bot.Tests.Scale;

/// <summary>
/// Two bot processes on two ports sharing one Redis and one PostgreSQL, started by <c>tests/run-all.sh</c>
/// (<c>CITIZENBOT_TEST_REDIS</c>, <c>CITIZENBOT_TEST_POSTGRES</c>), plus a fake center and a fake WeChat API.
/// </summary>
public sealed class TwoBots : IAsyncLifetime
{
    public const string BotApiKey = "scale-test-bot-api-key-0123456789";

    private Dictionary<string, string> _settings = [];
    private readonly string _work = Directory.CreateTempSubdirectory("citizenbot-scale-").FullName;

    internal BotProcess A { get; private set; } = null!;

    internal BotProcess B { get; private set; } = null!;

    internal FakeCenter Center { get; private set; } = null!;

    internal FakeWeChatApi WeChatApi { get; private set; } = null!;

    public string Postgres { get; private set; } = "";

    public string Redis { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var redis = Environment.GetEnvironmentVariable("CITIZENBOT_TEST_REDIS");
        var postgres = Environment.GetEnvironmentVariable("CITIZENBOT_TEST_POSTGRES");
        if (string.IsNullOrEmpty(redis) || string.IsNullOrEmpty(postgres))
        {
            throw new InvalidOperationException(
                "The scale-out tests need a real Redis and PostgreSQL: run tests/run-all.sh (it starts both), or set CITIZENBOT_TEST_REDIS and CITIZENBOT_TEST_POSTGRES.");
        }

        // Nothing shared with another run: a database of its own, a Redis database of its own.
        Postgres = await ThrowawayPostgres.CreateDatabaseAsync();
        Redis = $"{redis},defaultDatabase={RandomNumberGenerator.GetInt32(1, 16)},allowAdmin=true";
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(Redis))
        {
            // A token or state left by an earlier run in the same database must not leak into this one.
            await connection.GetDatabase().ExecuteAsync("FLUSHDB");
        }

        Center = await FakeCenter.StartAsync();
        WeChatApi = await FakeWeChatApi.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = Path.Combine(_work, "shared-data"),
            ["Storage:Redis"] = Redis,
            ["Storage:Postgres"] = Postgres,
            ["BotApi:Key"] = BotApiKey,
            ["DirectLine:Secret"] = "scale-test-directline-secret-0123456789",
            ["DirectLine:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Center:BaseUrl"] = Center.BaseUrl.ToString(),
            ["Center:Secret"] = "scale-test-center-secret-0123456789",
            ["Center:Timeout"] = "00:00:04",
            ["Center:PushClaimLifetime"] = "00:00:05",
            ["Center:OutboxSweepInterval"] = "00:00:01",
            ["WeChat:ReplyBudget"] = "00:00:00",
        };
        foreach (var (key, value) in WeChatCitizen.Settings(WeChatApi.BaseUrl))
        {
            settings[key] = value!;
        }

        _settings = settings;
        A = await BotProcess.StartAsync("a", settings, _work);
        B = await BotProcess.StartAsync("b", settings, _work);
    }

    /// <summary>A third instance on the same servers, with some settings of its own; the caller disposes it.</summary>
    internal Task<BotProcess> StartAnotherAsync(string name, IReadOnlyDictionary<string, string> overrides)
    {
        var settings = new Dictionary<string, string>(_settings);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return BotProcess.StartAsync(name, settings, _work);
    }

    /// <summary>Starts a fresh process in place of one a test killed.</summary>
    internal async Task RestartAsync(BotProcess killed)
    {
        await killed.DisposeAsync();
        if (killed == A)
        {
            A = await BotProcess.StartAsync("a2", _settings, _work);
        }
        else
        {
            B = await BotProcess.StartAsync("b2", _settings, _work);
        }
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Center.DisposeAsync();
        await WeChatApi.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold a log open for a moment.
        }
    }
}
