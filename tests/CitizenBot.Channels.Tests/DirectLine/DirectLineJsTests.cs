using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CitizenBot.Testing.Node;

namespace CitizenBot.Channels.Tests.DirectLine;

/// <summary>
/// Microsoft's DirectLineJS 0.15.5 (the client inside Web Chat 4.18.1), unmodified, from npm, run by node against
/// our server: starts a conversation with a token from /tokens/generate, posts, and must see its echo and the reply.
/// </summary>
public sealed class DirectLineJsTests
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task DirectLineJs_PostMessage_SeesEchoAndBotReply(string mode)
    {
        await NodeTool.EnsureInstalledAsync(ClientFolder(), "botframework-directlinejs");
        await using var server = await DirectLineTestServer.StartAsync();
        using var generated = await server.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineTestServer.Secret, DirectLineTestServer.Json("""{"user":{"id":"dl_node_user"}}"""));
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var token = (string)(await DirectLineTestServer.ReadJsonAsync(generated))["token"]!;

        var (exitCode, output, errors) = await NodeTool.RunAsync("node", ClientFolder(), ["client.js", server.Domain, token, mode, "小区路灯坏了"], TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"node exited {exitCode}: {output} {errors}");
        var result = JsonNode.Parse(output)!;
        Assert.True((bool)result["ok"]!);
        Assert.Contains(2, result["statuses"]!.AsArray().Select(s => (int)s!)); // Online
        Assert.Equal((string)result["postedId"]!, (string)result["echo"]!["id"]!);
        Assert.Equal("dl_node_user", (string)result["echo"]!["fromId"]!); // the token's user, not the posted from.id
        Assert.Equal("user", (string)result["echo"]!["role"]!);
        Assert.Equal("你说：小区路灯坏了", (string)result["reply"]!["text"]!);
        Assert.Equal("bot", (string)result["reply"]!["role"]!);
        Assert.Equal(FakeBot.Greeting, (string?)result["greeting"]);
    }

    private static string ClientFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "DirectLineJs"));
}
