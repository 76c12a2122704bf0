using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenBot.Load.Script;
using CitizenBot.Load.Targets;

namespace CitizenBot.Load.Crash;

/// <param name="Instances">1: the embedded bot; 2: two instances on <paramref name="Redis"/> and <paramref name="Postgres"/>.</param>
/// <param name="KillWithinMs">The victim is killed at a random moment this long after the 是 messages went out.</param>
/// <param name="KillOnCommits">When above 0, the victim is killed instead the moment the database holds this many
/// tickets (polled every few milliseconds): the kill lands while submits are between their commit and their reply
/// (committed, reply lost).</param>
internal sealed record CrashSettings(
    string BotDll, string DataDirectory, string Key, int Conversations, int Instances, int KillWithinMs, int KillOnCommits, int FirstPort,
    int CenterPort, string? Redis, string? Postgres, string LogDirectory);

/// <summary>What one crash run saw; <see cref="Passed"/> is the test.</summary>
internal sealed record CrashResult(
    int Conversations, int Instances, int KilledAfterMs, int Told, int WithoutNumber, int ListedOnce, int ListedTwiceOrMore,
    int ListedNone, int NumberMismatch, int TicketsAtCenter, int CenterPushes, int MissingAtCenter, int UnknownAtCenter,
    int Retried, int Apologies, double RetryAnsweredP50Ms, double RetryAnsweredMaxMs, double CenterCompleteAfterMs,
    int CommittedBeforeTheKill, int KillOnCommits, int RepliedBeforeTheKill, int RestartMs = 0,
    double RetryAnsweredAfterKillP50Ms = 0, double RetryAnsweredAfterKillMaxMs = 0)
{
    public bool Passed => Told == Conversations && WithoutNumber == 0 && ListedOnce == Conversations && NumberMismatch == 0
        && MissingAtCenter == 0 && UnknownAtCenter == 0 && TicketsAtCenter == Conversations;
}

/// <summary>
/// The crash test: every conversation walks the report up to its confirmation, then all send 是 at once while one bot
/// process is killed (SIGKILL) at a random moment and started again; each client retries its 是 with the same activity
/// id (scaled out, on the other instance, as a load balancer would) until it gets an answer. Then every citizen asks
/// 我的上报, and the test center is watched until the pushes stop coming. Exactly once means: every conversation was
/// told a number, lists exactly that one ticket, and the center got exactly those tickets.
/// </summary>
internal sealed partial class CrashRun(CrashSettings settings)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    /// <summary>The end of the bot's apology (dialogs/Resources/Texts.resx TurnFailed): it asks to send the message again.</summary>
    private const string Apology = "请稍后再发一次";
    private static readonly TimeSpan CenterPatience = TimeSpan.FromSeconds(150);

    public async Task<CrashResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var center = new RecordingCenter(settings.CenterPort);
        var instances = Enumerable.Range(0, settings.Instances).Select(i => new BotInstance(
            settings.BotDll, settings.FirstPort + i, Environment(center.BaseUrl), Path.Combine(settings.LogDirectory, $"bot-{i}.log"))).ToList();
        try
        {
            await Task.WhenAll(instances.Select(b => b.StartAsync(cancellationToken)));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            var citizens = Enumerable.Range(0, settings.Conversations)
                .Select(i => new Citizen(http, instances, i % instances.Count, settings.Key, $"crash-{System.Environment.ProcessId}-{i}"))
                .ToList();
            await Task.WhenAll(citizens.Select(c => c.WalkToTheConfirmationAsync(cancellationToken)));

            var victim = instances[Random.Shared.Next(instances.Count)];
            var sent = Stopwatch.StartNew();
            var confirmations = citizens.Select(c => c.ConfirmAsync(cancellationToken)).ToList();
            if (settings.KillOnCommits > 0)
            {
                await WaitForCommitsAsync(settings.KillOnCommits, cancellationToken);
            }
            else
            {
                await Task.Delay(Random.Shared.Next(settings.KillWithinMs + 1), cancellationToken);
            }

            victim.Kill();
            var killAfter = (int)sent.ElapsedMilliseconds;
            var killedAt = TimeProvider.System.GetUtcNow();
            var repliedBeforeTheKill = citizens.Count(c => c.ToldNumber is not null);
            // Embedded, nothing can answer a retry before the process is back: how long that takes is told apart from
            // how long the bot then needs (scaled out, the survivor answers meanwhile, after the dead lease lapses).
            var restart = Stopwatch.StartNew();
            await victim.StartAsync(cancellationToken);
            var restartMs = (int)restart.ElapsedMilliseconds;
            await Task.WhenAll(confirmations);

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
            var retried = citizens.Where(c => c.Attempts > 1).Select(c => c.AnsweredAfterMs).Order().ToList();
            return new CrashResult(
                settings.Conversations,
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
                // Tickets the killed process had committed: their 是 was answered only by the retry, with the same number.
                center.Tickets.Values.Count(t => t.CreatedAt < killedAt),
                settings.KillOnCommits,
                repliedBeforeTheKill,
                restartMs,
                retried.Count == 0 ? 0 : Math.Max(0, retried[retried.Count / 2] - killAfter),
                retried.Count == 0 ? 0 : Math.Max(0, retried[^1] - killAfter));
        }
        finally
        {
            instances.ForEach(b => b.Dispose());
        }
    }

    /// <summary>Until the tickets table holds <paramref name="count"/> rows (at most a minute: a run that never gets there still kills).</summary>
    private async Task WaitForCommitsAsync(int count, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using System.Data.Common.DbConnection connection = settings.Instances > 1
            ? new Npgsql.NpgsqlConnection(settings.Postgres)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(settings.DataDirectory, "citizenbot.db")};Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM tickets";
        while (watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            try
            {
                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) >= count)
                {
                    return;
                }
            }
            catch (System.Data.Common.DbException)
            {
                // Busy or not there yet: poll again.
            }

            await Task.Delay(2, cancellationToken);
        }
    }

    private Dictionary<string, string> Environment(string centerBaseUrl)
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
        }

        return environment;
    }

    /// <summary>One conversation on <c>/api/messages</c>; its 是 is retried with the same activity id until answered.</summary>
    private sealed partial class Citizen(HttpClient http, IReadOnlyList<BotInstance> instances, int home, string key, string conversationId)
    {
        private int _sequence;
        private int _target = home;

        public string? ToldNumber { get; private set; }

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

        public async Task ConfirmAsync(CancellationToken cancellationToken)
        {
            var confirm = ReportScript.Steps[^1];
            var id = Next();
            var watch = Stopwatch.StartNew();
            while (!cancellationToken.IsCancellationRequested && watch.Elapsed < TimeSpan.FromMinutes(3))
            {
                Attempts++;
                try
                {
                    var reply = await SendAsync(confirm, id, cancellationToken);
                    AnsweredAfterMs = watch.Elapsed.TotalMilliseconds;
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
