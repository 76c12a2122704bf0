using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CitizenBot.Testing.Node;

namespace CitizenBot.Channels.Tests.WeChat.Interop;

/// <summary>
/// Runs node-webot's <c>wechat-crypto</c> (the independent implementation in <c>WeChatInterop/</c>). Installs it once
/// with <c>npm ci --ignore-scripts</c> from the committed lock file when <c>node_modules</c> is missing.
/// </summary>
public sealed class NodeWeChatCryptoFixture
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);

    public NodeWeChatCryptoFixture() => Directory = LocateInteropDirectory();

    public string Directory { get; }

    /// <summary>Sends the requests to <c>interop.js</c> in one process and returns its answers in order.</summary>
    public async Task<JsonArray> RunAsync(JsonArray requests)
    {
        await NodeTool.EnsureInstalledAsync(Directory, "wechat-crypto");
        var (exitCode, output, errors) = await NodeTool.RunAsync("node", Directory, ["interop.js"], ProcessTimeout, requests.ToJsonString());
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"node interop.js exited with {exitCode}: {errors}");
        }

        return JsonNode.Parse(output)!.AsArray();
    }

    private static string LocateInteropDirectory([CallerFilePath] string sourceFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", "WeChatInterop"));
}
