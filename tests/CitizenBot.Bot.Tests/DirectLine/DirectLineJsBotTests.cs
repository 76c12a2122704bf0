using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Testing.Node;

namespace CitizenBot.Bot.Tests.DirectLine;

/// <summary>
/// Microsoft's DirectLineJS 0.15.5 from npm, unmodified, conversing with the real bot (dialogs, pipeline, state), with a
/// token from the page's own endpoint: what Web Chat does, without the browser.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DirectLineJsBotTests : IAsyncLifetime
{
    private BotServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new BotServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task DirectLineJs_AsksForHelp_GetsGreetingEchoAndTheHelpReply(string mode)
    {
        using var http = _server.CreateHttpClient();
        using var tokenResponse = await http.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var domain = new Uri(_server.BaseAddress, "/v3/directline").ToString();

        await NodeTool.EnsureInstalledAsync(NodeScript.DirectLineJsFolder(), "botframework-directlinejs");
        var (exitCode, output, errors) = await NodeTool.RunAsync(
            "node", NodeScript.DirectLineJsFolder(), ["client.js", domain, (string)token["token"]!, mode, "帮助", "expect-greeting"], TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"node exited {exitCode}: {output} {errors}");
        var result = JsonNode.Parse(output.Split('\n')[^1])!;
        Assert.Equal((string)token["userId"]!, (string)result["echo"]!["fromId"]!);
        Assert.True(((string?)result["greeting"])?.Contains("您好", StringComparison.Ordinal) == true, $"no greeting; the client saw: {output}");
        Assert.Contains("“取消”结束办理", (string)result["reply"]!["text"]!, StringComparison.Ordinal);
    }
}
