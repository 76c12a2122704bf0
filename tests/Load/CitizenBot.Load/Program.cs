using System.Net;
using System.Text.Json;
using CitizenBot.Load.Crash;
using CitizenBot.Load.Measurement;
using CitizenBot.Load.Reporting;
using CitizenBot.Load.Running;
using CitizenBot.Load.Targets;

// The load driver of tests/Load/run-perf.sh. Commands:
//   run    --system NAME --target api|directline|wechat --url http://127.0.0.1:5181/[,http://…] --concurrency 50
//          (api: several URLs take conversations round-robin; --pid may list one pid per instance, comma-separated)
//          [--warmup 5] [--seconds 15] [--key K] [--secret S] [--pid PID] [--no-check] [--told FILE] --out FILE.json
//          (wechat: --token T --aes-key K --app-id A; --told writes the ticket numbers the receipts told, one a line)
//   tickets --system NAME --postgres P --told FILE[,FILE…] --out FILE.json   (every ticket once with a distinct number,
//          the numbers told against PostgreSQL's tickets table, after a scaled-out run)
//   idle   --url U --key K --count 10000 --pid PID --db PATH --out FILE.json
//   report --in FOLDER --machine TEXT --out FILE.md
//   crash  --bot-dll PATH --data DIR --key K --out FILE.json [--conversations 100] [--instances 1|2] [--kill-at early|late]
//          [--port 5191] [--center-port 5199] [--redis R --postgres P] [--logs DIR] [--job-servers N]   (tests/Load/crash-test.sh runs it;
//          prints one line: the cells of the script's table row, separated by " | ")
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: CitizenBot.Load run|idle|report|tickets|crash --name value ... (see Program.cs)");
    return 2;
}

var options = LoadOptions.Parse(args.Skip(1));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

switch (args[0])
{
    case "report":
    {
        var markdown = MarkdownReport.Build(options.Text("in"), options.Text("machine", "unknown"));
        await File.WriteAllTextAsync(options.Text("out"), markdown, stop.Token);
        Console.WriteLine(markdown);
        return 0;
    }

    case "idle":
    {
        using var http = NewHttpClient(64);
        var probe = new ProcessProbe(options.Number("pid", 0));
        var idle = new IdleRun(http, new Uri(new Uri(options.Text("url")), "api/messages"), options.Text("key"),
            options.Number("count", 10_000), options.Number("concurrency", 50), probe, options.Text("db"));
        var result = await idle.RunAsync(stop.Token);
        await File.WriteAllTextAsync(options.Text("out"), JsonSerializer.Serialize(result, ResultJson.Default.IdleResult), stop.Token);
        Console.WriteLine($"idle: {result.Conversations} conversations, {result.StateBytesPerConversation:F0} state bytes each, RSS {result.RssBeforeMb:F0} → {result.RssAfterMb:F0} MB");
        return 0;
    }

    case "run":
    {
        var concurrency = options.Number("concurrency", 50);
        // Several instances (scaled out): conversations go round-robin over the comma-separated URLs, as a load balancer would.
        var baseUrls = options.Text("url").Split(',').Select(u => new Uri(u)).ToArray();
        var baseUrl = baseUrls[0];
        var target = options.Text("target");
        using var http = NewHttpClient(concurrency);
        Func<int, ICitizen> newCitizen = target switch
        {
            "api" => n => new BotApiCitizen(http, new Uri(baseUrls[n % baseUrls.Length], "api/messages"), options.Optional("key"), $"load-{Environment.ProcessId}-{n}"),
            "directline" => n => new DirectLineCitizen(http, baseUrl, options.Text("secret"), $"load-{Environment.ProcessId}-{n}"),
            "wechat" => NewWeChatCitizen(http, baseUrl, options),
            _ => throw new ArgumentException($"--target {target}: use api, directline or wechat"),
        };
        var pids = (options.Optional("pid") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Where(p => p > 0).ToList();
        var runner = new LoadRunner(newCitizen, concurrency,
            TimeSpan.FromSeconds(options.Number("warmup", 5)), TimeSpan.FromSeconds(options.Number("seconds", 15)),
            checkAnswers: !options.Flag("no-check"), pids.Count > 0 ? new ProcessProbe(pids) : null);
        var result = await runner.RunAsync(options.Text("system"), target, stop.Token);
        await File.WriteAllTextAsync(options.Text("out"), JsonSerializer.Serialize(result, ResultJson.Default.RunResult), stop.Token);
        if (options.Optional("told") is { } toldFile)
        {
            await File.WriteAllLinesAsync(toldFile, runner.Told, stop.Token);
        }

        var errors = result.Errors.Count == 0 ? "0" : string.Join(", ", result.Errors.Select(e => $"{e.Value} {e.Key}"));
        Console.WriteLine($"{result.System,-11} {result.Target,-10} c={result.Concurrency,-4} {result.TurnsPerSecond,8:F0} turns/s  p50 {result.P50Ms,7:F1}  p95 {result.P95Ms,7:F1}  p99 {result.P99Ms,7:F1} ms  errors {errors}  RSS {result.PeakRssMb:F0} MB");
        return 0;
    }

    case "tickets":
    {
        var check = await TicketCheck.RunAsync(options.Text("system"), options.Text("postgres"), options.Text("told").Split(','), stop.Token);
        await File.WriteAllTextAsync(options.Text("out"), JsonSerializer.Serialize(check, ResultJson.Default.TicketCheck), stop.Token);
        Console.WriteLine($"tickets {check.System}: {check}");
        return check.Passed ? 0 : 1;
    }

    case "crash":
    {
        var settings = new CrashSettings(
            Path.GetFullPath(options.Text("bot-dll")), Path.GetFullPath(options.Text("data")), options.Text("key"),
            options.Number("conversations", 100), options.Number("instances", 1), options.Text("kill-at", "early"),
            options.Number("port", 5191), options.Number("center-port", 5199), options.Optional("redis"), options.Optional("postgres"),
            Path.GetFullPath(options.Text("logs", options.Text("data"))), options.Number("job-servers", options.Number("instances", 1)));
        var result = await new CrashRun(settings).RunAsync(stop.Token);
        await File.WriteAllTextAsync(options.Text("out"), JsonSerializer.Serialize(result, ResultJson.Default.CrashResult), stop.Token);
        Console.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} | {result.KillAt}: {result.KilledAfterMs} ms, first commit {(result.FirstCommitMs < 0 ? "not seen" : $"{result.FirstCommitMs} ms")} (calibrated {result.WindowFirstCommitMs} / {result.WindowLastReplyMs}"
            + $"{(result.Recalibrations > 0 ? $", {result.Recalibrations} recalibrated" : "")}) | {result.InFlight} of {result.VictimConversations} | {result.InFlightCommitted} | "
            + $"instances={result.Instances}{(result.JobServers < result.Instances ? $" (job servers {result.JobServers}, killed one {(result.VictimRanJobServer ? "with" : "without")})" : "")} conversations={result.Conversations} (bursts of {result.Burst}, the last killed): "
            + $"told {result.Told}, without number {result.WithoutNumber}, listed once {result.ListedOnce} / twice+ {result.ListedTwiceOrMore} / none {result.ListedNone}, "
            + $"number mismatch {result.NumberMismatch}; killed burst: {result.CommittedBeforeTheKill} tickets committed at the kill, {result.RepliedBeforeTheKill} answered before it; center: {result.TicketsAtCenter} tickets in {result.CenterPushes} pushes, missing {result.MissingAtCenter}, "
            + $"unknown {result.UnknownAtCenter}, complete {result.CenterCompleteAfterMs / 1000:F1} s after the clients; "
            + $"{result.Retried} retried ({result.Apologies} apologies sent again), answered after p50 {result.RetryAnsweredP50Ms / 1000:F1} s, max {result.RetryAnsweredMaxMs / 1000:F1} s "
            + $"(after the kill: p50 {result.RetryAnsweredAfterKillP50Ms / 1000:F1} s, max {result.RetryAnsweredAfterKillMaxMs / 1000:F1} s; the killed process's restart to an open port {result.RestartMs / 1000.0:F1} s)");
        return result.Passed ? 0 : 1;
    }

    default:
        Console.Error.WriteLine($"unknown command {args[0]}: use run, idle, report, tickets or crash");
        return 2;
}

static HttpClient NewHttpClient(int connections) => new(new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
})
{
    Timeout = TimeSpan.FromSeconds(30),
};

static Func<int, ICitizen> NewWeChatCitizen(HttpClient http, Uri baseUrl, LoadOptions options)
{
    var wire = new WeChatWire(options.Text("aes-key"), options.Text("app-id"), options.Text("token"));
    return n => new WeChatCitizen(http, baseUrl, wire, $"oLoad{Environment.ProcessId}x{n:D8}", TimeProvider.System);
}
