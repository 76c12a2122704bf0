using System.Globalization;
using CitizenBot.Dialogs.Mediation;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Mediation;

/// <summary>
/// Working days and slots in Asia/Shanghai time: Monday to Friday plus configured 调休 workdays, minus configured holidays.
/// A slot id is "{mediatorId}@{yyyyMMddTHHmm}" (local start), so it can be checked again when it is booked.
/// </summary>
internal sealed class MediationCalendar
{
    private const string SlotTimeFormat = "yyyyMMdd'T'HHmm";

    private readonly MediationOptions _options;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _extraWorkdays;

    public MediationCalendar(IOptions<MediationOptions> options)
    {
        _options = options.Value;
        _holidays = [.. _options.Holidays.Select(ParseDate)];
        _extraWorkdays = [.. _options.ExtraWorkdays.Select(ParseDate)];
    }

    public static TimeZoneInfo China { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public bool IsWorkingDay(DateOnly day) =>
        !_holidays.Contains(day) && (_extraWorkdays.Contains(day) || day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The same local time <paramref name="days"/> working days after <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        var local = TimeZoneInfo.ConvertTime(from, China);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return At(day, TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>Every slot of the mediator from <paramref name="from"/> to <paramref name="to"/>, earliest first, whether booked or not.</summary>
    public IEnumerable<MediationSlot> Slots(MediationCatalog.BodyEntry body, MediationCatalog.MediatorEntry mediator, DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, China).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, China).DateTime);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            foreach (var period in mediator.WorkingHours)
            {
                var (open, close) = ParsePeriod(period);
                for (var minute = open; minute + mediator.SlotMinutes <= close; minute += mediator.SlotMinutes)
                {
                    var at = At(day, new TimeOnly(minute / 60, minute % 60));
                    if (at >= from && at < to)
                    {
                        yield return Slot(body, mediator, at);
                    }
                }
            }
        }
    }

    /// <summary>The slot a slot id names, if the mediator really has a slot starting then (any date; the caller checks the time window).</summary>
    public MediationSlot? Find(MediationCatalog catalog, string slotId)
    {
        var at = slotId.LastIndexOf('@');
        if (at <= 0 || !catalog.Mediators.TryGetValue(slotId[..at], out var entry)
            || !DateTime.TryParseExact(slotId[(at + 1)..], SlotTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var start = At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        return Slots(entry.Body, entry.Mediator, start, start.AddMinutes(1)).FirstOrDefault(s => s.Start == start);
    }

    public static MediationSlot Slot(MediationCatalog.BodyEntry body, MediationCatalog.MediatorEntry mediator, DateTimeOffset start)
    {
        var local = TimeZoneInfo.ConvertTime(start, China);
        return new MediationSlot(
            mediator.MediatorId + "@" + local.ToString(SlotTimeFormat, CultureInfo.InvariantCulture),
            body.BodyId, mediator.MediatorId, mediator.Name, local, local.AddMinutes(mediator.SlotMinutes));
    }

    private static DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, China.GetUtcOffset(local));
    }

    /// <summary>"09:00-12:00" as minutes after midnight.</summary>
    private static (int Open, int Close) ParsePeriod(string period)
    {
        var parts = period.Split('-', 2, StringSplitOptions.TrimEntries);
        var open = TimeOnly.ParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture);
        var close = TimeOnly.ParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture);
        return ((open.Hour * 60) + open.Minute, (close.Hour * 60) + close.Minute);
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidOperationException($"Mediation:Holidays and Mediation:ExtraWorkdays take dates as yyyy-MM-dd; '{text}' is not one.");
}
