using CitizenBot.Load.Measurement;
using CitizenBot.Load.Script;
using CitizenBot.Load.Targets;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Load.Running;

/// <summary>
/// Memory of idle conversations: many citizens each start a report and stop at the category question (a dialog stack
/// waiting for an answer, the common idle shape), then the bot's RSS and the stored state per conversation are read.
/// </summary>
internal sealed class IdleRun(HttpClient http, Uri endpoint, string key, int count, int concurrency, ProcessProbe server, string databasePath)
{
    private const string Prefix = "idle-";

    public async Task<IdleResult> RunAsync(CancellationToken cancellationToken)
    {
        var storeBefore = StoreBytes();
        var rssBefore = server.RssBytes();
        var next = 0;
        var steps = ReportScript.Steps.Take(2).ToArray();
        await Parallel.ForAsync(0, concurrency, cancellationToken, async (_, ct) =>
        {
            for (var i = Interlocked.Increment(ref next); i <= count; i = Interlocked.Increment(ref next))
            {
                await using var citizen = new BotApiCitizen(http, endpoint, key, $"{Prefix}{i}");
                foreach (var step in steps)
                {
                    var answer = await citizen.SendAsync(step, ct).ConfigureAwait(false);
                    if (!answer.Contains(step.Expect, StringComparison.Ordinal))
                    {
                        throw new TurnFailedException("unexpected-answer", $"idle conversation {i}: expected '{step.Expect}'");
                    }
                }
            }
        }).ConfigureAwait(false);

        // Let background work (checkpoints, deferred frees) settle so RSS shows what idle conversations hold.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
        var rssAfter = server.RssBytes();
        var stateBytes = await AverageStateBytesAsync(cancellationToken).ConfigureAwait(false);
        return new IdleResult(
            "CitizenBot (embedded)", count, Math.Round(stateBytes, 1),
            Math.Round((StoreBytes() - storeBefore) / (double)count, 1),
            Math.Round(rssBefore / 1048576.0, 1), Math.Round(rssAfter / 1048576.0, 1));
    }

    private async Task<double> AverageStateBytesAsync(CancellationToken cancellationToken)
    {
        var readOnly = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(readOnly);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT avg(length(data) + coalesce(length(turns), 0) + length(key) + 16) FROM conversation_state WHERE key LIKE $prefix";
        command.Parameters.AddWithValue("$prefix", $"api:{Prefix}%");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is double average ? average : 0;
    }

    /// <summary>The whole database on disk, WAL included: state, references, tickets and their indexes.</summary>
    private long StoreBytes() =>
        new[] { databasePath, databasePath + "-wal" }.Where(File.Exists).Sum(path => new FileInfo(path).Length);
}
