using Npgsql;

namespace CitizenBot.Load.Measurement;

/// <summary>
/// Every ticket once with a distinct number, checked after a scaled-out run against the PostgreSQL the instances
/// shared: each load conversation files one report, so the tickets table must hold as many tickets as distinct numbers
/// and as distinct conversations, and exactly the numbers the receipts told (the files <c>run --told</c> writes).
/// </summary>
/// <param name="Tickets">Rows in the tickets table.</param>
/// <param name="DistinctNumbers">Distinct ticket numbers among them (the unique index makes a repeat fail the submit).</param>
/// <param name="ConversationsWithSeveral">Conversations with more than one ticket: a 是 that filed twice.</param>
/// <param name="Told">Numbers the citizens were told in their receipts.</param>
/// <param name="ToldNotFound">Told numbers with no ticket: a receipt for nothing.</param>
/// <param name="NotTold">Tickets whose number no citizen was told (a turn that failed after the commit).</param>
internal sealed record TicketCheck(
    string System, int Tickets, int DistinctNumbers, int ConversationsWithSeveral, int Told, int ToldNotFound, int NotTold)
{
    public bool Passed => Tickets == DistinctNumbers && ConversationsWithSeveral == 0 && ToldNotFound == 0 && NotTold == 0 && Told == Tickets;

    public override string ToString() =>
        $"{(Passed ? "PASS" : "FAIL")} {Tickets} tickets, {DistinctNumbers} distinct numbers, {ConversationsWithSeveral} conversations with more than one, "
        + $"{Told} told, {ToldNotFound} told but not found, {NotTold} never told";

    public static async Task<TicketCheck> RunAsync(string system, string postgres, IEnumerable<string> toldFiles, CancellationToken cancellationToken)
    {
        var told = new List<string>();
        foreach (var file in toldFiles)
        {
            told.AddRange((await File.ReadAllLinesAsync(file, cancellationToken)).Where(l => l.Length > 0));
        }

        var numbers = new List<string>();
        var perConversation = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("""SELECT "Number", "ReporterConversationId" FROM tickets""", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                numbers.Add(reader.GetString(0));
                var conversation = reader.GetString(1);
                perConversation[conversation] = perConversation.GetValueOrDefault(conversation) + 1;
            }
        }

        var stored = numbers.ToHashSet(StringComparer.Ordinal);
        var toldSet = told.ToHashSet(StringComparer.Ordinal);
        return new TicketCheck(
            system,
            numbers.Count,
            stored.Count,
            perConversation.Values.Count(n => n > 1),
            told.Count,
            toldSet.Count(n => !stored.Contains(n)),
            stored.Count(n => !toldSet.Contains(n)));
    }
}
