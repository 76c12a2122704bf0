using System.Text.Json.Nodes;
using CitizenBot.Bot.Knowledge;
using CitizenBot.Bot.Tests.BotApi;
using CitizenBot.Knowledge.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Bot.Tests.Knowledge;

/// <summary>
/// The real bot with the real statutes: a citizen's legal question through <c>POST /api/messages</c> gets an answer
/// citing the statute, and a follow-up keeps the topic.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LegalAidConversationTests : IAsyncLifetime
{
    private const string ApiKey = "legal-aid-test-key-0123456789";

    private LegalAidBot _bot = null!;
    private int _messageId;

    public Task InitializeAsync()
    {
        _bot = new LegalAidBot(Directory.CreateTempSubdirectory("citizenbot-legal-").FullName);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        Directory.Delete(_bot.DataDirectory, recursive: true);
    }

    [Fact]
    public async Task Conversation_WageArrearsThenFollowUp_CitesTheWageRegulationThenStaysOnLabourLaw()
    {
        var replies = await SayAsync("老板跑路了工资不给怎么办");

        var answer = replies.First(r => r.Contains("法律依据", StringComparison.Ordinal));
        Assert.Contains("《保障农民工工资支付条例》第", answer, StringComparison.Ordinal);
        Assert.Contains("以上内容仅供参考，不构成律师意见", answer, StringComparison.Ordinal);
        Assert.Contains(replies, r => r.Contains("法律援助条件", StringComparison.Ordinal));

        var followUp = await SayAsync("去仲裁有时间限制吗");

        Assert.Contains("劳动争议调解仲裁法》第二十七条", followUp[0], StringComparison.Ordinal);
    }

    private async Task<List<string>> SayAsync(string text)
    {
        using var http = _bot.CreateClient();
        return await ExpectReplies.SendAsync(http, ApiKey, new JsonObject
        {
            ["type"] = "message",
            ["id"] = "m" + Interlocked.Increment(ref _messageId),
            ["conversation"] = new JsonObject { ["id"] = "legal-conv" },
            ["from"] = new JsonObject { ["id"] = "legal-user" },
            ["text"] = text,
        });
    }

    /// <summary>The bot's own composition plus <see cref="LegalAidKnowledge.AddLegalAidKnowledge"/> (idempotent once the host wires it).</summary>
    private sealed class LegalAidBot(string dataDirectory) : WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = dataDirectory;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:DataDirectory", DataDirectory);
            builder.UseSetting("BotApi:Key", ApiKey);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(SharedLegalKnowledge.Engine);
                services.AddSingleton<ILegalSearch>(SharedLegalKnowledge.Engine);
                services.AddLegalAidKnowledge(new ConfigurationBuilder().Build());
            });
        }
    }
}
