using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenBot.Load.Script;
using CitizenBot.Load.Targets;

namespace CitizenBot.Load.Crash;

/// <param name="Instances">1: the embedded bot; 2: two instances on <paramref name="Redis"/> and <paramref name="Postgres"/>.</param>
/// <param name="KillAt">Where the kill is drawn: <c>early</c> (before the calibrated first ticket commit) or <c>late</c>
/// (after the burst's own first commit, within the calibrated time from the first commit to the last reply).</param>
/// <param name="JobServers">How many of the instances run a job server (the first ones); the others only answer
/// (<c>Storage:JobServer=false</c>), their tickets pushed by an instance that runs one.</param>
internal sealed record CrashSettings(
    string BotDll, string DataDirectory, string Key, int Conversations, int Instances, string KillAt, int FirstPort,
    int CenterPort, string? Redis, string? Postgres, string LogDirectory, int JobServers);

/// <summary>What one crash run saw; <see cref="Passed"/> is the test.</summary>
/// <param name="Conversations">Every conversation of the run: the warm-up's, the calibration bursts' and the killed burst's.</param>
/// <param name="Burst">Conversations per burst.</param>
/// <param name="FirstCommitMs">The first ticket commit of the killed burst's conversations on the victim, after it was
/// sent (polled; -1 when none was seen: then it came after the restart or from the survivor, more than a minute on).</param>
/// <param name="Recalibrations">Bursts that were answered completely before their drawn kill moment: not killed,
/// measured instead, and followed by a fresh burst.</param>
/// <param name="WindowFirstCommitMs">The calibration: the victim's first ticket commit after the burst was sent (polled).</param>
/// <param name="WindowLastReplyMs">The calibration: the victim's last reply after the burst was sent.</param>
/// <param name="VictimConversations">The killed burst's conversations on the killed process.</param>
/// <param name="InFlight">Of those, how many were sent and not answered when the process was killed (their first
/// attempt lost its connection): the kill tested something when this is above 0.</param>
/// <param name="InFlightCommitted">Of those in flight, how many had their ticket committed at the kill (committed, reply lost).</param>
/// <param name="JobServers">How many instances ran a job server.</param>
/// <param name="VictimRanJobServer">Whether the killed instance was one of them.</param>
internal sealed record CrashResult(
    int Conversations, int Instances, int KilledAfterMs, int Told, int WithoutNumber, int ListedOnce, int ListedTwiceOrMore,
    int ListedNone, int NumberMismatch, int TicketsAtCenter, int CenterPushes, int MissingAtCenter, int UnknownAtCenter,
    int Retried, int Apologies, double RetryAnsweredP50Ms, double RetryAnsweredMaxMs, double CenterCompleteAfterMs,
    int CommittedBeforeTheKill, int RepliedBeforeTheKill, int RestartMs, double RetryAnsweredAfterKillP50Ms,
    double RetryAnsweredAfterKillMaxMs, int Burst, string KillAt, int FirstCommitMs, int Recalibrations, int WindowFirstCommitMs,
    int WindowLastReplyMs, int VictimConversations, int InFlight, int InFlightCommitted, int JobServers, bool VictimRanJobServer)
{
    public bool Passed => Told == Conversations && WithoutNumber == 0 && ListedOnce == Conversations && NumberMismatch == 0
        && MissingAtCenter == 0 && UnknownAtCenter == 0 && TicketsAtCenter == Conversations;
}

/// <summary>
/// The crash test: every conversation walks the report up to its confirmation, then all send 是 at once while one bot
/// process is killed (SIGKILL) and started again; each client retries its 是 with the same activity id (scaled out, on
/// the other instance, as a load balancer would) until it gets an answer. Then every citizen asks 我的上报, and the test
/// center is watched until the pushes stop coming. Exactly once means: every conversation was told a number, lists
/// exactly that one ticket, and the center got exactly those tickets.
/// <para>
/// The kill moment: a burst on a warm process is over in well under a second, so a fixed or blindly random delay mostly
/// kills after every reply and tests nothing. A first burst of fresh conversations warms the process up, a second one
/// is measured (on the instance to be killed: its first ticket committed, polled in the database, and its last reply);
/// the third is killed at a moment drawn uniformly before that first commit (<c>early</c>), or after its own first
/// commit, within the measured time from the first commit to the last reply (<c>late</c>). When a burst is answered
/// completely before its drawn moment, it is not killed but becomes the new calibration, and a fresh burst goes out (at
/// most <see cref="MaxRecalibrations"/> times). The conversations of every burst are checked alike.
/// </para>
/// </summary>
internal sealed partial class CrashRun(CrashSettings settings)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    /// <summary>The end of the bot's apology (dialogs/Resources/Texts.resx TurnFailed): it asks to send the message again.</summary>
    private const string Apology = "请稍后再发一次";
    private static readonly TimeSpan CenterPatience = TimeSpan.FromSeconds(150);

    /// <summary>After this many bursts answered before their kill moment, the next one is killed whenever its moment comes.</summary>
    private const int MaxRecalibrations = 4;

    public async Task<CrashResult> RunAsync(CancellationToken cancellationToken)
    {
        if (settings.KillAt is not ("early" or "late"))
        {
            throw new ArgumentException($"--kill-at {settings.KillAt}: use early or late");
        }

        if (settings.JobServers < 1 || settings.JobServers > settings.Instances)
        {
            throw new ArgumentException($"--job-servers {settings.JobServers}: use 1 to {settings.Instances}");
        }

        await using var center = new RecordingCenter(settings.CenterPort);

        var instances = Enumerable.Range(0, settings.Instances).Select(i => new BotInstance(
            settings.BotDll, settings.FirstPort + i, Environment(center.BaseUrl, jobServer: i < settings.JobServers),
            Path.Combine(settings.LogDirectory, $"bot-{i}.log"))).ToList();
        try
        {
            await Task.WhenAll(instances.Select(b => b.StartAsync(cancellationToken)));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            await using var tickets = await TicketWatch.OpenAsync(settings, cancellationToken);
            var victimIndex = Random.Shared.Next(instances.Count);
            var victim = instances[victimIndex];
            var citizens = new List<Citizen>();
            Calibration? calibration = null;
            var recalibrations = 0;
            for (var burst = 0; ; burst++)
            {
                var current = Enumerable.Range(0, settings.Conversations)
                    .Select(i => new Citizen(http, instances, i % instances.Count, settings.Key, $"crash-{System.Environment.ProcessId}-{burst}-{i}"))
                    .ToList();
                citizens.AddRange(current);
                await Task.WhenAll(current.Select(c => c.WalkToTheConfirmationAsync(cancellationToken)));
                // Its conversations on the instance that is killed (scaled out, about half; all of them if a walk moved them).
                var onVictim = current.Where(c => c.Target == victimIndex).DefaultIfEmpty(current[0]).ToList();
                var clock = Stopwatch.StartNew();
                var confirmations = Task.WhenAll(current.Select(c => c.ConfirmAsync(clock, cancellationToken)));
                var committing = tickets.WatchFirstCommitAsync(onVictim.Select(c => c.ConversationId), clock, cancellationToken);
                if (burst == 0)
                {
                    // The first submits of a process are slower (code not yet optimised, pools empty): a warm-up.
                    await confirmations;
                    await committing;
                    continue;
                }

                if (calibration is null)
                {
                    await confirmations;
                    calibration = new Calibration(await committing, Measure(onVictim));
                    continue;
                }

                var victimAnswered = Task.WhenAll(onVictim.Select(c => c.Answered));
                int drawn;
                if (settings.KillAt == "early")
                {
                    drawn = Random.Shared.Next(Math.Max(1, calibration.Value.FirstCommitMs));
                }
                else
                {
                    // From this burst's own first commit (bursts differ more than the window is long), a moment within
                    // the calibrated time from the first commit to the last reply.
                    await Task.WhenAny(committing, victimAnswered);
                    var committedAt = committing.IsCompletedSuccessfully && committing.Result is { } ms ? ms : (int)clock.ElapsedMilliseconds;
                    drawn = committedAt + Random.Shared.Next(Math.Max(1, calibration.Value.LastReplyMs - calibration.Value.FirstCommitMs));
                }

                var remaining = drawn - (int)clock.ElapsedMilliseconds;
                if (remaining > 0)
                {
                    await Task.WhenAny(Task.Delay(remaining, cancellationToken), victimAnswered);
                }

                // Each answer itself, not victimAnswered: that completes a moment after the last one (asynchronously).
                if (onVictim.All(c => c.Answered.IsCompleted) && recalibrations < MaxRecalibrations)
                {
                    // The kill would come after every reply of the victim: this burst is the better measure.
                    await confirmations;
                    calibration = new Calibration(await committing, Measure(onVictim));
                    recalibrations++;
                    continue;
                }

                var window = calibration.Value;
                var killAfter = (int)clock.ElapsedMilliseconds;
                var killedAt = TimeProvider.System.GetUtcNow();
                var repliedBeforeTheKill = current.Count(c => c.Answered.IsCompleted);
                victim.Kill();
                // What the dead process had committed. Scaled out, a transaction whose COMMIT was sent may still finish
                // on the server: a moment's wait.
                await Task.Delay(settings.Instances > 1 ? 100 : 0, cancellationToken);
                var committedAtTheKill = await tickets.NumbersAsync(killedAt, cancellationToken);
                // Embedded, nothing can answer a retry before the process is back: how long that takes is told apart from
                // how long the bot then needs (scaled out, the survivor answers meanwhile, after the dead lease lapses).
                var restart = Stopwatch.StartNew();
                await victim.StartAsync(cancellationToken);
                var restartMs = (int)restart.ElapsedMilliseconds;
                await confirmations;
                var firstCommit = await committing;
                // The killed burst, one conversation a line, for whoever reads the run afterwards.
                await File.WriteAllLinesAsync(
                    Path.Combine(settings.LogDirectory, "citizens.tsv"),
                    [$"# killed instance {victimIndex} at {killAfter} ms after the burst went out", Citizen.Columns, .. current.Select(c => c.Line())],
                    cancellationToken);
                // Sent and not answered at the kill: the first attempt lost its connection (a reply written before the
                // kill still arrives, so this is exact where a count of the replies at that moment is not).
                var inFlight = onVictim.Where(c => c.Interrupted).ToList();
                return await CheckAsync(
                    center, citizens, current, killAfter, firstCommit ?? -1, killedAt, repliedBeforeTheKill, committedAtTheKill, restartMs, window,
                    recalibrations, onVictim.Count, inFlight.Count, inFlight.Count(c => c.ToldNumber is { } n && committedAtTheKill?.Contains(n) == true),
                    victimIndex < settings.JobServers, cancellationToken);
            }
        }
        finally
        {
            instances.ForEach(b => b.Dispose());
        }
    }

    private static (int FirstReplyMs, int LastReplyMs) Measure(List<Citizen> onVictim)
    {
        var replies = onVictim.Select(c => c.AnsweredAfterFirstSendMs).Order().ToList();
        return ((int)replies[0], (int)Math.Ceiling(replies[^1]));
    }

    private async Task<CrashResult> CheckAsync(
        RecordingCenter center, List<Citizen> citizens, List<Citizen> killed, int killAfter, int firstCommit, DateTimeOffset killedAt,
        int repliedBeforeTheKill, IReadOnlySet<string>? committedAtTheKill, int restartMs, Calibration window, int recalibrations,
        int victimConversations, int inFlight, int inFlightCommitted, bool victimRanJobServer, CancellationToken cancellationToken)
    {
        var listed = await Task.WhenAll(citizens.Select(c => c.ListMineAsync(cancellationToken)));
        var centerWatch = Stopwatch.StartNew();
        var told = citizens.Where(c => c.ToldNumber is not null).Select(c => c.ToldNumber!).ToHashSet(StringComparer.Ordinal);
        // The pushes left behind by the killed process come from the restart's or the survivor's outbox sweep.
        while (centerWatch.Elapsed < CenterPatience && !told.IsSubsetOf(center.Tickets.Values.Select(t => t.Number)))
        {
            await Task.Delay(250, cancellationToken);
        }

        var centerComplete = centerWatch.Elapsed.TotalMilliseconds;
        // Late or second pushes would still show up: a few more seconds of watching.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var atCenter = center.Tickets.Values.Select(t => t.Number).ToList();
        var retried = killed.Where(c => c.Attempts > 1).Select(c => c.AnsweredAfterMs).Order().ToList();
        var killedBurst = killed.Select(c => c.ToldNumber).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new CrashResult(
            citizens.Count,
            settings.Instances,
            killAfter,
            told.Count,
            citizens.Count(c => c.ToldNumber is null),
            listed.Count(l => l.Count == 1),
            listed.Count(l => l.Count > 1),
            listed.Count(l => l.Count == 0),
            citizens.Zip(listed).Count(p => p.First.ToldNumber is { } n && !(p.Second.Count == 1 && p.Second[0] == n)),
            center.Tickets.Count,
            center.Tickets.Values.Sum(t => t.Pushes),
            told.Count(n => !atCenter.Contains(n)),
            atCenter.Count(n => !told.Contains(n)),
            retried.Count,
            citizens.Sum(c => c.Apologies),
            retried.Count == 0 ? 0 : retried[retried.Count / 2],
            retried.Count == 0 ? 0 : retried[^1],
            centerComplete,
            // The killed burst's tickets in the database right after the kill; when it could not be read, those the
            // center says were created before the kill.
            committedAtTheKill?.Count(killedBurst.Contains) ?? center.Tickets.Values.Count(t => t.CreatedAt < killedAt && killedBurst.Contains(t.Number)),
            repliedBeforeTheKill,
            restartMs,
            retried.Count == 0 ? 0 : Math.Max(0, retried[retried.Count / 2] - killAfter),
            retried.Count == 0 ? 0 : Math.Max(0, retried[^1] - killAfter),
            settings.Conversations,
            settings.KillAt,
            firstCommit,
            recalibrations,
            window.FirstCommitMs,
            window.LastReplyMs,
            victimConversations,
            inFlight,
            inFlightCommitted,
            settings.JobServers,
            victimRanJobServer);
    }

    /// <summary>A burst measured without a kill: from sending the 是 messages to the first ticket committed and to the victim's last reply.</summary>
    private readonly record struct Calibration(int FirstCommitMs, int LastReplyMs)
    {
        /// <summary>The commit as polled, or the first reply when the poll saw it later (a reply follows its commit).</summary>
        public Calibration(int? firstCommitMs, (int FirstReplyMs, int LastReplyMs) replies)
            : this(Math.Min(firstCommitMs ?? replies.FirstReplyMs, replies.FirstReplyMs), replies.LastReplyMs)
        {
        }
    }

    /// <summary>The tickets table, read from outside the bot: when a burst's first ticket is committed, and which numbers are.</summary>
    private sealed class TicketWatch(System.Data.Common.DbConnection connection) : IAsyncDisposable
    {
        // One reader at a time on the connection: the poll and the read at the kill take turns.
        private readonly SemaphoreSlim _gate = new(1, 1);

        public static async Task<TicketWatch> OpenAsync(CrashSettings settings, CancellationToken cancellationToken)
        {
            System.Data.Common.DbConnection connection = settings.Instances > 1
                ? new Npgsql.NpgsqlConnection(settings.Postgres)
                : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(settings.DataDirectory, "citizenbot.db")};Mode=ReadOnly");
            await connection.OpenAsync(cancellationToken);
            return new TicketWatch(connection);
        }

        /// <summary>
        /// Polls the tickets table every 2 ms until one of <paramref name="conversations"/> has its ticket; returns when
        /// that was on <paramref name="clock"/> (null when it did not happen within a minute).
        /// </summary>
        public async Task<int?> WatchFirstCommitAsync(IEnumerable<string> conversations, Stopwatch clock, CancellationToken cancellationToken)
        {
            // The test's own conversation ids (letters, digits and dashes): written into the query as they are.
            var sql = $"SELECT count(*) FROM tickets WHERE \"ReporterConversationId\" IN ({string.Join(", ", conversations.Select(c => $"'{c}'"))})";
            while (clock.Elapsed < TimeSpan.FromMinutes(1))
            {
                await Task.Delay(2, cancellationToken);
                await _gate.WaitAsync(cancellationToken);
                try
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                    {
                        return (int)clock.ElapsedMilliseconds;
                    }
                }
                catch (System.Data.Common.DbException)
                {
                    // Busy: poll again.
                }
                finally
                {
                    _gate.Release();
                }
            }

            return null;
        }

        /// <summary>
        /// The numbers of the tickets in the database created before <paramref name="killedAt"/> (a retry the survivor
        /// has meanwhile filed is younger); null when they could not be read.
        /// </summary>
        public async Task<IReadOnlySet<string>?> NumbersAsync(DateTimeOffset killedAt, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                // CreatedAt is stored as Unix milliseconds (bot/Data/CitizenBotDbContext.cs).
                command.CommandText = $"SELECT \"Number\" FROM tickets WHERE \"CreatedAt\" < {killedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var numbers = new HashSet<string>(StringComparer.Ordinal);
                while (await reader.ReadAsync(cancellationToken))
                {
                    numbers.Add(reader.GetString(0));
                }

                return numbers;
            }
            catch (System.Data.Common.DbException)
            {
                return null;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await connection.DisposeAsync();
            _gate.Dispose();
        }
    }

    private Dictionary<string, string> Environment(string centerBaseUrl, bool jobServer)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__DataDirectory"] = settings.DataDirectory,
            ["BotApi__Key"] = settings.Key,
            ["Center__BaseUrl"] = centerBaseUrl,
            ["Center__Secret"] = "crash-test-center-secret-0123456789",
            ["Tickets__DuplicateRadiusMeters"] = "1",
            ["DirectLine__Secret"] = "crash-test-directline-secret-0123456789",
            ["DirectLine__SigningKey"] = "Y3Jhc2gtdGVzdC1zaWduaW5nLWtleS0wMTIzNDU2Nzg5YWI=",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (settings.Instances > 1)
        {
            environment["Storage__Redis"] = settings.Redis ?? throw new ArgumentException("--redis is required with two instances");
            environment["Storage__Postgres"] = settings.Postgres ?? throw new ArgumentException("--postgres is required with two instances");
            environment["Storage__JobServer"] = jobServer ? "true" : "false";
        }

        return environment;
    }

    /// <summary>One conversation on <c>/api/messages</c>; its 是 is retried with the same activity id until answered.</summary>
    private sealed partial class Citizen(HttpClient http, IReadOnlyList<BotInstance> instances, int home, string key, string conversationId)
    {
        private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sequence;
        private int _target = home;

        public string ConversationId => conversationId;

        /// <summary>The instance the conversation talks to now (the next one after a lost connection).</summary>
        public int Target => _target;

        public string? ToldNumber { get; private set; }

        /// <summary>Completes with the first answer to the 是, whatever it says.</summary>
        public Task Answered => _answered.Task;

        /// <summary>The first answer to the 是, on the burst's clock.</summary>
        public double AnsweredAfterFirstSendMs { get; private set; }

        /// <summary>The first 是 got no answer (its connection was lost, or it timed out): it was in flight at the kill.</summary>
        public bool Interrupted { get; private set; }

        /// <summary>The instance the 是 went to first.</summary>
        public int ConfirmedOn { get; private set; } = -1;

        /// <summary>Why the first 是 got no answer, and when on the burst's clock.</summary>
        public string FirstError { get; private set; } = "";

        public const string Columns = "conversation\tinstance\tfirst answer ms\tanswered ms\tattempts\tinterrupted\tnumber\tfirst error";

        /// <summary>One line of <c>citizens.tsv</c> (<see cref="Columns"/>).</summary>
        public string Line() => string.Join('\t', conversationId, ConfirmedOn, Answered.IsCompleted ? AnsweredAfterFirstSendMs.ToString("F0", CultureInfo.InvariantCulture) : "",
            AnsweredAfterMs.ToString("F0", CultureInfo.InvariantCulture), Attempts, Interrupted ? "yes" : "no", ToldNumber, FirstError);

        public int Attempts { get; private set; }

        /// <summary>Answers that were the bot's apology (a store away through the turn's retries).</summary>
        public int Apologies { get; private set; }

        public double AnsweredAfterMs { get; private set; }

        public async Task WalkToTheConfirmationAsync(CancellationToken cancellationToken)
        {
            foreach (var step in ReportScript.Steps.Take(ReportScript.Steps.Count - 1))
            {
                var reply = await SendOnceAsync(step, cancellationToken);
                if (reply.Contains(ReportScript.DuplicateQuestion, StringComparison.Ordinal))
                {
                    reply = await SendOnceAsync(ReportScript.NewTicketAnyway(step.Expect), cancellationToken);
                }

                if (!reply.Contains(step.Expect, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{conversationId}: expected \"{step.Expect}\" before the crash, got \"{reply}\"");
                }
            }
        }

        /// <param name="burst">Started as the burst goes out: the first answer is timed on it.</param>
        public async Task ConfirmAsync(Stopwatch burst, CancellationToken cancellationToken)
        {
            var confirm = ReportScript.Steps[^1];
            var id = Next();
            var watch = Stopwatch.StartNew();
            ConfirmedOn = _target;
            while (!cancellationToken.IsCancellationRequested && watch.Elapsed < TimeSpan.FromMinutes(3))
            {
                Attempts++;
                try
                {
                    var reply = await SendAsync(confirm, id, cancellationToken);
                    AnsweredAfterMs = watch.Elapsed.TotalMilliseconds;
                    if (!_answered.Task.IsCompleted)
                    {
                        AnsweredAfterFirstSendMs = burst.Elapsed.TotalMilliseconds;
                        _answered.TrySetResult();
                    }

                    if (reply.Contains(Apology, StringComparison.Ordinal))
                    {
                        // What the citizen is asked to do: send it again. A new message, so a new activity id.
                        Apologies++;
                        id = Next();
                        await Task.Delay(RetryPause, cancellationToken);
                        continue;
                    }

                    var numbers = Numbers(reply);
                    ToldNumber = reply.Contains(ReportScript.Receipt, StringComparison.Ordinal) && numbers.Count == 1 ? numbers[0] : null;
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TurnFailedException)
                {
                    // What a client (or a load balancer) does: the same message again, on the next instance.
                    Interrupted |= Attempts == 1;
                    if (Attempts == 1)
                    {
                        FirstError = $"{burst.ElapsedMilliseconds} ms {e.GetType().Name}: {e.Message}";
                    }

                    _target = (_target + 1) % instances.Count;
                    await Task.Delay(RetryPause, cancellationToken);
                }
            }
        }

        public async Task<IReadOnlyList<string>> ListMineAsync(CancellationToken cancellationToken) =>
            Numbers(await SendOnceAsync(new ReportStep("我的上报", ""), cancellationToken));

        private async Task<string> SendOnceAsync(ReportStep step, CancellationToken cancellationToken)
        {
            var id = Next();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await SendAsync(step, id, cancellationToken);
                }
                catch (Exception e) when (attempt < 20 && e is HttpRequestException or TaskCanceledException or TurnFailedException)
                {
                    _target = (_target + 1) % instances.Count;
                    await Task.Delay(RetryPause, cancellationToken);
                }
            }
        }

        private string Next() => (++_sequence).ToString(CultureInfo.InvariantCulture);

        private async Task<string> SendAsync(ReportStep step, string id, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instances[_target].BaseUrl, "api/messages"))
            {
                Content = new ByteArrayContent(Body(step, id)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new TurnFailedException($"http-{(int)response.StatusCode}", $"/api/messages answered {(int)response.StatusCode}");
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var activities = json.RootElement.TryGetProperty("activities", out var list) ? list : default;
            // 我的上报 lists the tickets as buttons: their titles count as much as the text.
            var buttons = activities.ValueKind != JsonValueKind.Array ? [] : activities.EnumerateArray()
                .Where(a => a.TryGetProperty("suggestedActions", out var s) && s.TryGetProperty("actions", out _))
                .SelectMany(a => a.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray())
                .Select(b => b.TryGetProperty("title", out var t) ? t.GetString() : null);
            return ReplyText.Join(activities) + string.Join('\n', buttons);
        }

        private byte[] Body(ReportStep step, string id)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "message");
                writer.WriteString("id", id);
                writer.WriteString("channelId", "api");
                writer.WriteString("serviceUrl", "http://127.0.0.1/crash");
                writer.WriteString("locale", "zh-CN");
                writer.WriteString("deliveryMode", "expectReplies");
                writer.WriteStartObject("from");
                writer.WriteString("id", "u-" + conversationId);
                writer.WriteString("role", "user");
                writer.WriteEndObject();
                writer.WriteStartObject("recipient");
                writer.WriteString("id", "bot");
                writer.WriteEndObject();
                writer.WriteStartObject("conversation");
                writer.WriteString("id", conversationId);
                writer.WriteEndObject();
                ActivityBody.WriteContent(writer, step);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private static List<string> Numbers(string reply) =>
            TicketNumber().Matches(reply).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

        [GeneratedRegex(@"\d{8}-\d{4,}")]
        private static partial Regex TicketNumber();
    }
}
