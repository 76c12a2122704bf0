using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CitizenBot.Bot.Tests.Scale;

/// <summary>One real bot process (the built CitizenBot.Bot.dll) on its own port, as a deployment runs it.</summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _log;

    private BotProcess(Process process, Uri baseUrl, string log)
    {
        _process = process;
        BaseUrl = baseUrl;
        _log = log;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    public HttpClient Http { get; private set; } = null!;

    public static async Task<BotProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, string workDirectory)
    {
        // The bot's own build output sits beside this test assembly's in the artifacts layout.
        var testOutput = AppContext.BaseDirectory;
        var botDll = Path.GetFullPath(Path.Combine(testOutput, "..", "..", "CitizenBot.Bot", new DirectoryInfo(testOutput).Name, "CitizenBot.Bot.dll"));
        if (!File.Exists(botDll))
        {
            botDll = Path.Combine(testOutput, "CitizenBot.Bot.dll");
        }

        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var log = Path.Combine(workDirectory, name + ".log");
        var start = new ProcessStartInfo("dotnet", [botDll])
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUrl.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { lock (writer) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (writer) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, baseUrl, log) { Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) } };
        using var probe = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Bot {name} exited at start; see {log}:\n{File.ReadAllText(log)}");
            }

            try
            {
                if ((await probe.GetAsync("readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return bot;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Bot {name} did not become ready; see {log}");
    }

    /// <summary>Kills the process at once, as a crash or an OOM kill would: no graceful shutdown.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
