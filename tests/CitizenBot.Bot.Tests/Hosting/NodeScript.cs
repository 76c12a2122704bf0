using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CitizenBot.Bot.Tests.Hosting;

/// <summary>Runs a node script of the test suite (independent clients such as Microsoft's DirectLineJS) and captures its output.</summary>
internal static class NodeScript
{
    /// <summary>The DirectLineJS 0.15.5 client folder of the channel tests; tests/run-all.sh installs its lock file.</summary>
    public static string DirectLineJsFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "CitizenBot.Channels.Tests", "DirectLineJs"));

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string folder, IEnumerable<string> arguments, TimeSpan timeout)
    {
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException($"npm packages missing in {folder}: run tests/run-all.sh, or `npm ci --ignore-scripts` there.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await output).Trim(), (await errors).Trim());
    }
}
