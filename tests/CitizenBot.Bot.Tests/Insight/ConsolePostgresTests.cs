using System.Net.Http.Json;
using System.Text.Json;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Bot.Tests.TestData;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CitizenBot.Bot.Tests.Insight;

/// <summary>
/// The console's queries on PostgreSQL (scaled out), over SAMPLE data: every list answers and counts what was seeded.
/// Needs the throwaway PostgreSQL and Redis of <c>tests/run-all.sh</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConsolePostgresTests : IAsyncLifetime
{
    private BotServer _server = null!;
    private TicketSeeder.SeedResult _seeded = null!;

    public async Task InitializeAsync()
    {
        _server = new BotServer(settings: await ScaledOutStorage.SettingsAsync());
        _seeded = await _server.Services.GetRequiredService<TicketSeeder>().SeedAsync(500, days: 20, randomSeed: 3, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task EveryConsoleList_AnswersAndCountsTheSeededTickets()
    {
        using var http = _server.CreateHttpClient();

        var tickets = await http.GetFromJsonAsync<JsonElement>("/ops/insight/tickets");
        var heat = await http.GetFromJsonAsync<JsonElement>("/ops/insight/heat");
        var trends = await http.GetFromJsonAsync<JsonElement>("/ops/insight/trends");
        var hotspots = await http.GetFromJsonAsync<JsonElement>("/ops/insight/hotspots");

        Assert.Equal(_seeded.Tickets, tickets.GetProperty("total").GetInt32());
        Assert.Equal(_seeded.Tickets, heat.GetProperty("total").GetInt32());
        Assert.Equal(_seeded.Tickets, trends.GetProperty("perDay").EnumerateArray().Sum(d => d.GetProperty("count").GetInt32()));
        Assert.Equal(_seeded.Hotspots, hotspots.GetArrayLength());
        foreach (var path in new[] { "overdue", "mediation", "digest", "tickets?format=csv", "trends?format=csv" })
        {
            var response = await http.GetAsync("/ops/insight/" + path);
            Assert.True(response.IsSuccessStatusCode, path + ": " + await response.Content.ReadAsStringAsync());
        }
    }
}
