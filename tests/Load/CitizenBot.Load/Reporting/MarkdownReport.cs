using System.Globalization;
using System.Text;
using System.Text.Json;
using CitizenBot.Load.Measurement;

namespace CitizenBot.Load.Reporting;

/// <summary>
/// Turns one run's result files into the Markdown docs/performance.md quotes: the side-by-side table on <c>/api/messages</c>,
/// the ratios against the issue's goals, CitizenBot per channel, and idle memory.
/// </summary>
internal static class MarkdownReport
{
    public const string Ceiling = "ceiling";
    public const string Peer = "peer";
    public const string CitizenBot = "citizenbot";
    public const string CitizenBotRedis = "citizenbot-redis";

    public static string Build(string folder, string machine)
    {
        var runs = Directory.GetFiles(folder, "run-*.json").Order(StringComparer.Ordinal)
            .Select(path => JsonSerializer.Deserialize(File.ReadAllText(path), ResultJson.Default.RunResult)!)
            .ToList();
        var idle = Directory.GetFiles(folder, "idle*.json")
            .Select(path => JsonSerializer.Deserialize(File.ReadAllText(path), ResultJson.Default.IdleResult)!)
            .ToList();
        var tickets = Directory.GetFiles(folder, "tickets-*.json").Order(StringComparer.Ordinal)
            .Select(path => JsonSerializer.Deserialize(File.ReadAllText(path), ResultJson.Default.TicketCheck)!)
            .ToList();

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}").AppendLine();
        md.AppendLine("Side by side on `/api/messages` (`deliveryMode: expectReplies`), the 8-turn report conversation, closed loop, warm-up excluded:").AppendLine();
        md.AppendLine("| system | conversations | turns/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | server CPU ms/turn |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs.Where(r => r.Target == "api").OrderBy(r => r.Concurrency).ThenBy(r => Order(r.System)).ThenBy(r => r.System, StringComparer.Ordinal))
        {
            md.AppendLine(Row(run));
        }

        AppendCores(md, runs);

        // Only the scaled-out rows (SYSTEMS=scaled-out): no embedded bot, ceiling or peer to compare with here.
        var compared = runs.Any(r => r.Target == "api" && r.System is CitizenBot or Ceiling or Peer);
        if (compared)
        {
            md.AppendLine().AppendLine("Ratios in this run (goals in brackets):").AppendLine();
            md.AppendLine("| conversations | CitizenBot / ceiling turns/s [≥ 0.5] | CitizenBot / peer turns/s [≥ 2] | CitizenBot p99 / peer p99 [≤ 1] | CitizenBot p99 / ceiling p99 [≤ 2] |");
            md.AppendLine("|---:|---:|---:|---:|---:|");
        }

        foreach (var concurrency in runs.Where(r => compared && r.Target == "api").Select(r => r.Concurrency).Distinct().Order())
        {
            var bot = Find(runs, CitizenBot, "api", concurrency);
            var ceiling = Find(runs, Ceiling, "api", concurrency);
            var peer = Find(runs, Peer, "api", concurrency);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {concurrency} | {Ratio(bot?.TurnsPerSecond, ceiling?.TurnsPerSecond, 0.5, atLeast: true)} | {Ratio(bot?.TurnsPerSecond, peer?.TurnsPerSecond, 2, atLeast: true)} | {Ratio(bot?.P99Ms, peer?.P99Ms, 1, atLeast: false)} | {Ratio(bot?.P99Ms, ceiling?.P99Ms, 2, atLeast: false)} |");
        }

        var channels = runs.Where(r => r.System == CitizenBot).OrderBy(r => r.Concurrency).ThenBy(r => r.Target, StringComparer.Ordinal).ToList();
        if (channels.Any(r => r.Target != "api"))
        {
            md.AppendLine().AppendLine("CitizenBot per channel (Direct Line: REST post → answer on the WebSocket; WeChat: safe mode, passive reply in the response, 5 s deadline):").AppendLine();
            md.AppendLine("| channel | conversations | turns/s | p50 ms | p95 ms | p99 ms | max ms | errors | peak RSS MB | server CPU ms/turn |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var run in channels)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {run.Target} | {run.Concurrency} | {run.TurnsPerSecond:F0} | {run.P50Ms:F1} | {run.P95Ms:F1} | {run.P99Ms:F1} | {run.MaxMs:F0} | {Errors(run)} | {run.PeakRssMb:F0} | {run.ServerCpuMsPerTurn:F2} |");
            }
        }

        AppendScaledOut(md, runs, tickets);

        foreach (var memory in idle)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Idle memory ({memory.System}): {memory.Conversations:N0} conversations each waiting at the category question hold **{memory.StateBytesPerConversation:F0} bytes** of stored state each (state row: key + data + turn ledger + version; goal < 4 KB); the database grew {memory.StoreBytesPerConversation:F0} bytes per conversation (state, conversation reference and indexes); bot RSS {memory.RssBeforeMb:F0} MB before, {memory.RssAfterMb:F0} MB after.");
        }

        return md.ToString();
    }

    /// <summary>
    /// Where the machine's cores went during each <c>/api/messages</c> row: the system under test, the driver (which shares
    /// the machine), everything else, and idle. Idle cores while turns are slow mean turns waited on something other than
    /// a core (a lock, a commit, the thread pool); no idle means the row measured how the cores were shared.
    /// </summary>
    private static void AppendCores(StringBuilder md, List<RunResult> runs)
    {
        var measured = runs.Where(r => r.Target == "api" && r.MachineBusyCores + r.MachineIdleCores > 0)
            .OrderBy(r => r.Concurrency).ThenBy(r => Order(r.System)).ThenBy(r => r.System, StringComparer.Ordinal).ToList();
        if (measured.Count == 0)
        {
            return;
        }

        md.AppendLine().AppendLine("Where the cores went in those rows (CPU time over the measured window, 1.00 = one core; load average at the start → end):").AppendLine();
        md.AppendLine("| system | conversations | server cores | driver cores | other processes | idle cores | server CPU ms/turn | driver CPU ms/turn | load average |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in measured)
        {
            var others = Math.Max(0, run.MachineBusyCores - run.ServerCores - run.DriverCores);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Label(run.System)} | {run.Concurrency} | {run.ServerCores:F2} | {run.DriverCores:F2} | {others:F2} | {run.MachineIdleCores:F2} | {run.ServerCpuMsPerTurn:F3} | {run.DriverCpuMsPerTurn:F3} | {run.LoadAverageBefore:F1} → {run.LoadAverageAfter:F1} |");
        }
    }

    /// <summary>
    /// The scaled-out rows with the load average they ran at, the tickets check of each instance count, and the goal:
    /// two instances with 100 conversations each carry at least what one carries with 200, p99 ≤ 300 ms, 0 errors,
    /// every ticket once with a distinct number.
    /// </summary>
    private static void AppendScaledOut(StringBuilder md, List<RunResult> runs, List<TicketCheck> tickets)
    {
        var scaled = runs.Where(r => r.Target == "api" && (r.System == CitizenBotRedis || r.System.StartsWith(CitizenBotRedisInstances, StringComparison.Ordinal)))
            .OrderBy(r => Instances(r.System)).ThenBy(r => r.Concurrency).ToList();
        if (scaled.Count == 0)
        {
            return;
        }

        md.AppendLine().AppendLine("Scaled out (one Redis with appendfsync always, one PostgreSQL with fsync; load average: the machine's, one minute, at the start → end of the measured window):").AppendLine();
        md.AppendLine("| instances | conversations | turns/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/turn (all instances) | load average |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in scaled)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Instances(run.System)} | {run.Concurrency} | {run.TurnsPerSecond:F0} | {run.P50Ms:F1} | {run.P95Ms:F1} | {run.P99Ms:F1} | {Errors(run)} | {run.ServerCpuMsPerTurn:F2} | {run.LoadAverageBefore:F1} → {run.LoadAverageAfter:F1} |");
        }

        if (tickets.Count > 0)
        {
            md.AppendLine().AppendLine("Tickets in PostgreSQL after each instance count's rows (its priming included), against the numbers the receipts told:").AppendLine();
            foreach (var check in tickets)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Label(check.System)}: {check}");
            }
        }

        var one = scaled.Where(r => r.System == CitizenBotRedis).MaxBy(r => r.Concurrency);
        var two = one is null ? null : Find(runs, CitizenBotRedisInstances + "2", "api", one.Concurrency);
        if (one is null || two is null)
        {
            return;
        }

        var twoTickets = tickets.FirstOrDefault(t => t.System == two.System);
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Goal, 2 instances with {two.Concurrency / 2} conversations each against 1 instance with {one.Concurrency}: turns/s {Ratio(two.TurnsPerSecond, one.TurnsPerSecond, 1, atLeast: true)} [≥ 1]; "
            + $"p99 {two.P99Ms:F0} ms {(two.P99Ms <= 300 ? "met" : "**missed**")} [≤ 300]; errors {Errors(two)} {(two.Errors.Count == 0 ? "met" : "**missed**")} [0]; "
            + $"every ticket once with a distinct number {(twoTickets is null ? "not checked" : twoTickets.Passed ? "met" : "**missed**")}.");
    }

    private static int Instances(string system) =>
        system.StartsWith(CitizenBotRedisInstances, StringComparison.Ordinal) ? int.Parse(system[CitizenBotRedisInstances.Length..], CultureInfo.InvariantCulture) : 1;

    private static string Row(RunResult run) => string.Create(CultureInfo.InvariantCulture,
        $"| {Label(run.System)} | {run.Concurrency} | {run.TurnsPerSecond:F0} | {run.P50Ms:F1} | {run.P95Ms:F1} | {run.P99Ms:F1} | {Errors(run)} | {run.PeakRssMb:F0} | {run.ServerCpuMsPerTurn:F2} |");

    private static string Errors(RunResult run) =>
        run.Errors.Count == 0 ? "0" : string.Join(", ", run.Errors.Select(e => $"{e.Value} {e.Key}"));

    private static RunResult? Find(List<RunResult> runs, string system, string target, int concurrency) =>
        runs.FirstOrDefault(r => r.System == system && r.Target == target && r.Concurrency == concurrency);

    private static string Ratio(double? mine, double? theirs, double goal, bool atLeast)
    {
        if (mine is not { } a || theirs is not { } b || b == 0)
        {
            return "n/a";
        }

        var ratio = a / b;
        var met = atLeast ? ratio >= goal : ratio <= goal;
        return string.Create(CultureInfo.InvariantCulture, $"{ratio:F2} {(met ? "met" : "**missed**")}");
    }

    /// <summary>Several instances on one Redis and PostgreSQL: <c>citizenbot-redis-x2</c>, <c>-x4</c>…</summary>
    public const string CitizenBotRedisInstances = CitizenBotRedis + "-x";

    private static int Order(string system) => system switch
    {
        Ceiling => 0,
        CitizenBot => 1,
        CitizenBotRedis => 2,
        _ when system.StartsWith(CitizenBotRedisInstances, StringComparison.Ordinal) => 2,
        Peer => 3,
        _ => 4,
    };

    private static string Label(string system) => system switch
    {
        Ceiling => "ceiling (bare ASP.NET Core, fixed reply)",
        Peer => "peer (botbuilder-js 4.23, MemoryStorage)",
        CitizenBot => "CitizenBot (embedded SQLite state)",
        CitizenBotRedis => "CitizenBot scaled out, 1 instance (Redis state with appendfsync always, PostgreSQL tickets with fsync)",
        _ when system.StartsWith(CitizenBotRedisInstances, StringComparison.Ordinal) =>
            $"CitizenBot scaled out, {system[CitizenBotRedisInstances.Length..]} instances on the same Redis and PostgreSQL (conversations round-robin)",
        _ => system,
    };
}
