extern alias bot;

using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CitizenBot.Bench;

/// <summary>
/// One whole turn of the real bot in-process (no sockets): /api/messages → dedup → per-conversation lock → state loaded
/// from the embedded SQLite store → dialogs → state saved → replies. Alternates 事件上报 and 取消 on one conversation,
/// so every turn starts or ends the report dialog and writes state.
/// </summary>
[MemoryDiagnoser]
public class DialogTurnBenchmarks
{
    private const string Key = "bench-api-key-0123456789";

    private BotHost _host = null!;
    private HttpClient _client = null!;
    private int _turn;

    [GlobalSetup]
    public void Setup()
    {
        BenchContentRoot.Set();
        _host = new BotHost(Directory.CreateTempSubdirectory("citizenbot-bench-").FullName);
        _client = _host.CreateClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _host.Dispose();
        Directory.Delete(_host.DataDirectory, recursive: true);
    }

    [Benchmark]
    public async Task<int> TurnWithStateLoadAndSave()
    {
        var text = (_turn++ % 2 == 0) ? "事件上报" : "取消";
        var body = $$"""{"type":"message","id":"{{_turn}}","from":{"id":"bench-user"},"conversation":{"id":"bench"},"text":"{{text}}","deliveryMode":"expectReplies"}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private sealed class BotHost(string dataDirectory) : WebApplicationFactory<bot::Program>
    {
        public string DataDirectory => dataDirectory;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.UseSetting("BotApi:Key", Key);
            builder.UseSetting("Center:SimulatorStepDelay", "00:10:00");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
