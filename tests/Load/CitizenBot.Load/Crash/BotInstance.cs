using System.Diagnostics;
using System.Net.Sockets;

namespace CitizenBot.Load.Crash;

/// <summary>One bot process of the crash test: started, killed with SIGKILL (no shutdown of any kind), started again.</summary>
internal sealed class BotInstance(string botDll, int port, IReadOnlyDictionary<string, string> environment, string logPath) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private Process? _process;

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{port}/");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", [botDll, "--urls", BaseUrl.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(botDll)!,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var log = File.AppendText(logPath);
        log.AutoFlush = true;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waiting = Stopwatch.StartNew();
        // Generous: on a loaded machine a second instance waits for the first one's migration of a fresh database.
        while (waiting.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the bot exited at start; see {logPath}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"the bot did not open port {port} in {StartTimeout.TotalSeconds:F0} s; see {logPath}");
    }

    /// <summary>
    /// SIGKILL to the bot's process at once. Not <c>Kill(entireProcessTree: true)</c>: that lists every process on
    /// the machine before it sends any signal (a second on a loaded machine, while the bot keeps answering), and the
    /// bot has no children (<c>dotnet bot.dll</c> runs the app in its own process).
    /// </summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }
}
