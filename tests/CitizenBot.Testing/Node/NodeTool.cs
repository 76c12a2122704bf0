using System.Diagnostics;

namespace CitizenBot.Testing.Node;

/// <summary>
/// Runs the independent node clients the tests check us against (Microsoft's DirectLineJS, node-webot's wechat-crypto),
/// installing their npm packages once from the committed lock file when <c>node_modules</c> is missing.
/// </summary>
public static class NodeTool
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary><c>npm ci --ignore-scripts</c> in <paramref name="folder"/> unless <paramref name="package"/> is installed.</summary>
    public static async Task EnsureInstalledAsync(string folder, string package)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(folder, "node_modules", package, "package.json")))
            {
                return;
            }

            var (exitCode, output, errors) = await RunAsync("npm", folder, ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {folder} failed ({exitCode}): {output} {errors}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs <paramref name="fileName"/> in <paramref name="folder"/>; kills it (and its children) after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string fileName, string folder, IEnumerable<string> arguments, TimeSpan timeout, string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
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
            throw new TimeoutException($"{fileName} in {folder} did not finish within {timeout}.");
        }

        return (process.ExitCode, (await output).Trim(), (await errors).Trim());
    }
}
