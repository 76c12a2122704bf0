using System.Globalization;
using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Tickets;

/// <summary>
/// Hands out <c>yyyyMMdd-NNNN</c> numbers, one series per day in China time (UTC+8, no daylight saving). Each instance
/// takes a block of <see cref="TicketingOptions.NumberBlockSize"/> numbers at a time from the day's counter row, with one
/// atomic upsert in a transaction of its own, and hands them out from memory. So a submit no longer waits on that row
/// (it used to be bumped inside every ticket's transaction and held until its commit, which put every submit of every
/// instance in one queue; docs/performance.md, "Scaled out: ticket numbers"). Numbers stay unique for good — the
/// counter never goes back and <c>tickets.Number</c> is a unique index — but they are not gap-free (a restart drops the
/// rest of a block, a rolled-back submit drops its number) and not in submission order across instances. Works the
/// same on SQLite and PostgreSQL.
/// </summary>
internal sealed class TicketNumbers(IDbContextFactory<CitizenBotDbContext> databases, IOptions<TicketingOptions> options)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _day = "";
    private long _next;
    private long _end;

    public async Task<string> NextAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = now.ToOffset(ChinaOffset).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_day != day || _next > _end)
            {
                var size = options.Value.NumberBlockSize;
                _end = await TakeBlockAsync(day, size, cancellationToken).ConfigureAwait(false);
                _next = _end - size + 1;
                _day = day;
            }

            return $"{day}-{(_next++).ToString("D4", CultureInfo.InvariantCulture)}";
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <returns>The last number of the block taken.</returns>
    private async Task<long> TakeBlockAsync(string day, int size, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var values = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO ticket_number_counters ("Day", "Last") VALUES ({day}, {size})
                ON CONFLICT ("Day") DO UPDATE SET "Last" = ticket_number_counters."Last" + {size}
                RETURNING "Last" AS "Value"
                """)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return values.Single();
    }
}
