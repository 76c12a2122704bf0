extern alias bot;

using BenchmarkDotNet.Attributes;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CitizenBot.Bench;

/// <summary>
/// The ticket work of a report's last turns, in-process on the embedded stores (SQLite, synchronous=FULL): the duplicate
/// check when the place is given, and the submit (number, ticket, history, outbox in one commit, its job handed to the
/// dispatcher). The data folder is on tmpfs where there is one (/dev/shm). The jobs server is left out, so the push and
/// place-check jobs are only queued (in memory), never run: what is measured is the turn's own share. Every report lands
/// at the same spot, so the duplicate check finds open tickets there, as a busy spot would.
/// </summary>
[MemoryDiagnoser]
public class SubmitBenchmarks
{
    private BotHost _host = null!;
    private IReportDesk _desk = null!;
    private int _report;

    private static readonly ReportLocation Spot = new(30.005, 120.005, Address: "示例街道青松社区3号楼");

    [GlobalSetup]
    public async Task Setup()
    {
        BenchContentRoot.Set();
        // On tmpfs where there is one: a commit's fsync then costs next to nothing, so the time is the CPU's, not the disk's
        // (shared with other work); the code path is the same as on disk.
        var folder = Directory.Exists("/dev/shm") ? Directory.CreateDirectory(Path.Combine("/dev/shm", "citizenbot-bench-" + Guid.NewGuid().ToString("N"))) : Directory.CreateTempSubdirectory("citizenbot-bench-");
        _host = new BotHost(folder.FullName);
        _desk = _host.Services.GetRequiredService<IReportDesk>();
        if (_host.Services.GetServices<IHostedService>().Any(s => s.GetType().Assembly.GetName().Name!.StartsWith("Hangfire", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The jobs server still runs: the benchmark would time the pushes too.");
        }

        // Open tickets at the spot for the duplicate check to find.
        for (var i = 0; i < 50; i++)
        {
            await SubmitReport();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.Dispose();
        Directory.Delete(_host.DataDirectory, recursive: true);
    }

    [Benchmark]
    public async Task<string> SubmitReport()
    {
        var n = _report++;
        var reporter = new Reporter("directline", "bench-user-" + n, "bench-conversation-" + n);
        var submission = new ReportSubmission(reporter, "05-01", "楼道里堆满了杂物，堵住了安全出口", [], Spot, Anonymous: true, ContactName: null, ContactPhone: null,
            SubmissionId: ReportSubmission.NewSubmissionId(), RoleFromRegistry: true);
        return (await _desk.SubmitAsync(submission, CancellationToken.None)).Number;
    }

    [Benchmark]
    public async Task<string?> DuplicateCheck() =>
        (await _desk.FindPossibleDuplicateAsync("05-01", Spot, CancellationToken.None))?.Number;

    private sealed class BotHost(string dataDirectory) : WebApplicationFactory<bot::Program>
    {
        public string DataDirectory => dataDirectory;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.UseSetting("BotApi:Key", "bench-api-key-0123456789");
            builder.UseSetting("Center:SimulatorStepDelay", "00:10:00");
            builder.UseSetting("Center:OutboxSweepInterval", "01:00:00");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // No jobs server: the jobs a submit queues stay queued, so only the submit itself is timed.
            builder.ConfigureTestServices(services =>
            {
                foreach (var server in services.Where(d => d.ServiceType == typeof(IHostedService) && IsHangfire(d)).ToList())
                {
                    services.Remove(server);
                }
            });
        }

        private static bool IsHangfire(ServiceDescriptor descriptor) =>
            (descriptor.ImplementationType ?? descriptor.ImplementationFactory?.Method.DeclaringType)?.Assembly.GetName().Name?.StartsWith("Hangfire", StringComparison.Ordinal) == true;
    }
}
