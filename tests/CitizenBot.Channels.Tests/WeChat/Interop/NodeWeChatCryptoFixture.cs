using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

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

    private readonly SemaphoreSlim _install = new(1, 1);
    private bool _installed;

    /// <summary>Sends the requests to <c>interop.js</c> in one process and returns its answers in order.</summary>
    public async Task<JsonArray> RunAsync(JsonArray requests)
    {
        await EnsureInstalledAsync();
        var output = await RunProcessAsync("node", "interop.js", requests.ToJsonString());
        return JsonNode.Parse(output)!.AsArray();
    }

    private async Task EnsureInstalledAsync()
    {
        await _install.WaitAsync();
        try
        {
            if (!_installed && !System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "wechat-crypto")))
            {
                await RunProcessAsync("npm", "ci --ignore-scripts --no-audit --no-fund", stdin: null);
            }

            _installed = true;
        }
        finally
        {
            _install.Release();
        }
    }

    private async Task<string> RunProcessAsync(string fileName, string arguments, string? stdin)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {arguments} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    private static string LocateInteropDirectory([CallerFilePath] string sourceFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", "WeChatInterop"));
}
