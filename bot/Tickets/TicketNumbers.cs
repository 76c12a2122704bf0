using System.Globalization;
using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Tickets;

/// <summary>
/// Hands out <c>yyyyMMdd-NNNN</c> numbers, one sequence per day in China time (UTC+8, no daylight saving). The counter
/// row is bumped by a single atomic upsert inside the ticket's own transaction, so concurrent submits never share a
/// number and a rolled-back submit gives its number back. Works the same on SQLite (≥ 3.35) and PostgreSQL.
/// </summary>
internal static class TicketNumbers
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static async Task<string> NextAsync(CitizenBotDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = now.ToOffset(ChinaOffset).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var values = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO ticket_number_counters ("Day", "Last") VALUES ({day}, 1)
                ON CONFLICT ("Day") DO UPDATE SET "Last" = ticket_number_counters."Last" + 1
                RETURNING "Last" AS "Value"
                """)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return $"{day}-{values.Single().ToString("D4", CultureInfo.InvariantCulture)}";
    }
}
