using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Tickets;

/// <summary>
/// 答复时限: when a ticket's answer is due. Each category of the taxonomy has its answer time in hours and whether it
/// counts working days only; urgent tickets have their own. A working-day clock runs 24 hours on each working day and
/// stands still on Saturdays, Sundays and the dates in <c>Tickets:Holidays</c> (China days). Public holidays and the
/// weekends worked in exchange (调休) are not known unless listed there.
/// </summary>
internal sealed class AnswerClock(Taxonomy taxonomy, IOptions<TicketingOptions> options)
{
    // China has one time zone and no daylight saving.
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public AnswerTime For(string categoryCode, bool urgent)
    {
        if (urgent)
        {
            return taxonomy.UrgentAnswer;
        }

        var category = taxonomy.Find(categoryCode);
        return new AnswerTime(category.AnswerHours, category.WorkingDays);
    }

    public DateTimeOffset DueAt(string categoryCode, bool urgent, DateTimeOffset createdAt) => DueAt(For(categoryCode, urgent), createdAt);

    /// <summary>The due time, to the whole minute (as it is shown: "预计12月8日18:00前答复").</summary>
    public DateTimeOffset DueAt(AnswerTime answer, DateTimeOffset createdAt)
    {
        var exact = ExactDueAt(answer, createdAt);
        return new DateTimeOffset(exact.UtcTicks - (exact.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    private DateTimeOffset ExactDueAt(AnswerTime answer, DateTimeOffset createdAt)
    {
        var remaining = TimeSpan.FromHours(answer.AnswerHours);
        if (!answer.WorkingDays)
        {
            return (createdAt + remaining).ToUniversalTime();
        }

        var at = createdAt.ToOffset(ChinaOffset);
        // Bounded: a year of days off in a row would be a configuration error, not a calendar.
        for (var days = 0; days < 3660; days++)
        {
            var midnight = new DateTimeOffset(at.Date.AddDays(1), ChinaOffset);
            if (IsWorkingDay(DateOnly.FromDateTime(at.Date)))
            {
                var today = midnight - at;
                if (remaining <= today)
                {
                    return (at + remaining).ToUniversalTime();
                }

                remaining -= today;
            }

            at = midnight;
        }

        throw new InvalidOperationException("Tickets:Holidays leaves no working day within ten years.");
    }

    private bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !options.Value.Holidays.Contains(day);
}
