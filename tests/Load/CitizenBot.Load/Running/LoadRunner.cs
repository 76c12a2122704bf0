using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using CitizenBot.Load.Measurement;
using CitizenBot.Load.Script;
using CitizenBot.Load.Targets;

namespace CitizenBot.Load.Running;

/// <summary>
/// Closed loop: <c>concurrency</c> citizens, each running the report conversation again and again with no think time.
/// Turns finishing during the warm-up or after the window are not counted (failures are, from the end of the warm-up on,
/// since a turn sent inside the window may time out after it); latency is from sending a message to having
/// its answer (for Direct Line: the answer on the stream). The ticket number of every receipt, in the window or not, is
/// kept in <see cref="Told"/>, so the tickets in the database can be checked against what the citizens were told.
/// </summary>
internal sealed partial class LoadRunner(Func<int, ICitizen> newCitizen, int concurrency, TimeSpan warmup, TimeSpan window, bool checkAnswers, ProcessProbe? server)
{
    private readonly Latencies _latencies = new();
    private readonly ConcurrentBag<string> _told = [];
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private int _conversations;
    private long _measureFrom;
    private long _measureUntil;
    private int _nextCitizen;

    /// <summary>The ticket numbers the receipts told, one per conversation that reached its receipt.</summary>
    public IReadOnlyCollection<string> Told => _told;

    public async Task<RunResult> RunAsync(string system, string target, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _measureFrom = started + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        _measureUntil = _measureFrom + (long)(window.TotalSeconds * Stopwatch.Frequency);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(warmup + window + TimeSpan.FromSeconds(30));

        var citizens = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => CitizenLoopAsync(stop.Token), CancellationToken.None)).ToArray();

        await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
        var serverCpuBefore = server?.CpuTime() ?? TimeSpan.Zero;
        var loadBefore = LoadAverage.OneMinute();
        var driverCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var machineBefore = MachineCpu.Now();
        var probedFrom = Stopwatch.GetTimestamp();
        long peakRss = 0;
        while (Stopwatch.GetTimestamp() < _measureUntil)
        {
            peakRss = Math.Max(peakRss, server?.RssBytes() ?? 0);
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        var serverCpu = (server?.CpuTime() ?? TimeSpan.Zero) - serverCpuBefore;
        var driverCpu = Process.GetCurrentProcess().TotalProcessorTime - driverCpuBefore;
        var machine = MachineCpu.Now() - machineBefore;
        var probed = Stopwatch.GetElapsedTime(probedFrom).TotalSeconds;
        var loadAfter = LoadAverage.OneMinute();
        peakRss = Math.Max(peakRss, server?.RssBytes() ?? 0);
        await Task.WhenAll(citizens).ConfigureAwait(false);

        var latency = _latencies.Summarise();
        var turns = _latencies.Count;
        return new RunResult(
            system, target, concurrency, window.TotalSeconds, turns, _conversations,
            Math.Round(turns / window.TotalSeconds, 1),
            Math.Round(latency.P50, 2), Math.Round(latency.P95, 2), Math.Round(latency.P99, 2), Math.Round(latency.Max, 2),
            new SortedDictionary<string, int>(_errors, StringComparer.Ordinal),
            Math.Round(peakRss / 1048576.0, 1),
            turns == 0 ? 0 : Math.Round(serverCpu.TotalMilliseconds / turns, 3),
            turns == 0 ? 0 : Math.Round(driverCpu.TotalMilliseconds / turns, 3),
            loadBefore,
            loadAfter,
            Math.Round(machine.Busy.TotalSeconds / probed, 2),
            Math.Round(machine.Idle.TotalSeconds / probed, 2),
            Math.Round(serverCpu.TotalSeconds / probed, 2),
            Math.Round(driverCpu.TotalSeconds / probed, 2));
    }

    private async Task CitizenLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < _measureUntil)
        {
            var citizen = newCitizen(Interlocked.Increment(ref _nextCitizen));
            try
            {
                await citizen.StartAsync(cancellationToken).ConfigureAwait(false);
                foreach (var step in ReportScript.Steps)
                {
                    if (Stopwatch.GetTimestamp() >= _measureUntil)
                    {
                        return;
                    }

                    var answer = await TurnAsync(citizen, step, cancellationToken).ConfigureAwait(false);
                    if (checkAnswers && !answer.Contains(step.Expect, StringComparison.Ordinal))
                    {
                        // A ticket of the same category nearby: answer as a citizen would and carry on (one more turn).
                        if (!answer.Contains(ReportScript.DuplicateQuestion, StringComparison.Ordinal)
                            || !(await TurnAsync(citizen, ReportScript.NewTicketAnyway(step.Expect), cancellationToken).ConfigureAwait(false)).Contains(step.Expect, StringComparison.Ordinal))
                        {
                            throw new TurnFailedException("unexpected-answer", $"expected '{step.Expect}'");
                        }
                    }

                    if (ReferenceEquals(step, ReportScript.Steps[^1]))
                    {
                        if (TicketNumber().Match(answer) is { Success: true } number)
                        {
                            _told.Add(number.Value);
                        }

                        if (InWindow(Stopwatch.GetTimestamp()))
                        {
                            Interlocked.Increment(ref _conversations);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is TurnFailedException or HttpRequestException or WebSocketException or SocketException or IOException or OperationCanceledException)
            {
                // Also after the window: a turn sent inside it may time out only later, and must still show.
                if (Stopwatch.GetTimestamp() >= _measureFrom)
                {
                    _errors.AddOrUpdate(Kind(ex), 1, (_, count) => count + 1);
                }
            }
            finally
            {
                await citizen.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One message and its answer; the latency counts when the answer arrives inside the measured window.</summary>
    private async Task<string> TurnAsync(ICitizen citizen, ReportStep step, CancellationToken cancellationToken)
    {
        var sent = Stopwatch.GetTimestamp();
        var answer = await citizen.SendAsync(step, cancellationToken).ConfigureAwait(false);
        var done = Stopwatch.GetTimestamp();
        if (InWindow(done))
        {
            _latencies.Add(Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds);
        }

        return answer;
    }

    private bool InWindow(long timestamp) => timestamp >= _measureFrom && timestamp < _measureUntil;

    [GeneratedRegex(@"\d{8}-\d{4,}")]
    private static partial Regex TicketNumber();

    private static string Kind(Exception ex) => ex switch
    {
        TurnFailedException failed => failed.Kind,
        OperationCanceledException => "timeout",
        _ => "connection",
    };
}
