using System.Globalization;
using System.Text.RegularExpressions;
using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Dialogs.Mediation;

/// <summary>Parts of a day as people name them.</summary>
internal enum DayPart
{
    Any,
    Morning,
    Afternoon,
    Evening,
}

/// <summary>A time asked for in words: a day (or any day), a part of it, perhaps an hour.</summary>
internal sealed record TimeWish(DateOnly? Day, DayPart Part, int? Hour)
{
    public bool Fits(DateTimeOffset start)
    {
        var local = start.ToOffset(MediationTimes.ChinaOffset);
        return (Day is null || DateOnly.FromDateTime(local.DateTime) == Day)
            && (Hour is null ? Part switch
            {
                DayPart.Morning => local.Hour < 12,
                DayPart.Afternoon => local.Hour is >= 12 and < 18,
                DayPart.Evening => local.Hour >= 18,
                _ => true,
            } : local.Hour == Hour);
    }

    /// <summary>The moment the wish points at, to find the nearest free slots from.</summary>
    public DateTimeOffset Target(DateTimeOffset now)
    {
        var day = Day ?? DateOnly.FromDateTime(now.ToOffset(MediationTimes.ChinaOffset).DateTime);
        var hour = Hour ?? Part switch { DayPart.Afternoon => 14, DayPart.Evening => 18, _ => 9 };
        return new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), MediationTimes.ChinaOffset);
    }
}

/// <summary>
/// Reads the times people ask for a mediation in (明天下午, 周三, 下周一上午, 12月9号, 下午3点), China time. No
/// maintained Chinese date library restores here (Microsoft.Recognizers.Text.DateTime does not), and the phrases a
/// slot question meets are few: a day word, a weekday, a month and day, a part of the day, an hour.
/// </summary>
internal static partial class MediationTimes
{
    // China has one time zone and no daylight saving (see Report/TicketDisplay).
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly string[] WeekDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    /// <summary>How long ago a date may have been and still be a mistake for a day passed, not next year's ("12月5号" on 12月7日).</summary>
    private const int PassedWithinDays = 90;

    /// <summary>
    /// What is wrong with the day <paramref name="text"/> names, said to the citizen: a day that does not exist ("2月30号",
    /// "12月32号") or one that has just passed ("12月5号" two days later, "昨天下午"); null when nothing is.
    /// </summary>
    public static string? ProblemWith(string text, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);
        if (MonthDay().Match(text) is { Success: true } date
            && int.TryParse(date.Groups["month"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(date.Groups["day"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var dayOfMonth))
        {
            var year = (month, dayOfMonth).CompareTo((today.Month, today.Day)) >= 0 ? today.Year : today.Year + 1;
            if (month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
            {
                return string.Format(CultureInfo.CurrentCulture, Texts.MediationNoSuchDay, month, dayOfMonth);
            }

            var thisYear = dayOfMonth <= DateTime.DaysInMonth(today.Year, month) ? new DateOnly(today.Year, month, dayOfMonth) : today;
            return thisYear < today && today.DayNumber - thisYear.DayNumber <= PassedWithinDays
                ? string.Format(CultureInfo.CurrentCulture, Texts.MediationDayPassed, month, dayOfMonth)
                : null;
        }

        return PastDay().IsMatch(text) ? Texts.MediationDayPassedWords : null;
    }

    /// <summary>The time <paramref name="text"/> asks for, relative to <paramref name="now"/>; null when it names none.</summary>
    public static TimeWish? Read(string text, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);
        DateOnly? day = null;
        var byWeekday = false;

        // A date written out wins over the weekday beside it: "12月14日（周一）", the bot's own slot button, is that Monday.
        if (MonthDay().Match(text) is { Success: true } date
            && int.TryParse(date.Groups["month"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(date.Groups["day"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var dayOfMonth)
            && month is >= 1 and <= 12 && dayOfMonth >= 1 && dayOfMonth <= DateTime.DaysInMonth(today.Year, month))
        {
            var asked = new DateOnly(today.Year, month, dayOfMonth);
            day = asked < today ? asked.AddYears(1) : asked;
        }
        else if (RelativeDay().Match(text) is { Success: true } relative)
        {
            day = today.AddDays(relative.Value switch { "今天" => 0, "明天" => 1, "后天" => 2, _ => 3 });
        }
        else if (Weekday().Match(text) is { Success: true } weekday)
        {
            // 周末 is taken as its Saturday.
            var dayName = weekday.Groups["day"].Success ? weekday.Groups["day"].Value[0] : '六';
            var wanted = "日天一二三四五六".IndexOf(dayName, StringComparison.Ordinal) is var i and >= 2 ? i - 1 : 0;
            day = WeekdayFrom(today, wanted, next: weekday.Groups["next"].Success);
            byWeekday = !weekday.Groups["next"].Success;
        }

        var part = Part().Match(text) is { Success: true } named
            ? named.Value switch
            {
                "上午" or "早上" or "早晨" or "上班" => DayPart.Morning,
                "晚上" or "傍晚" or "下班后" => DayPart.Evening,
                _ => DayPart.Afternoon,
            }
            : DayPart.Any;
        int? hour = null;
        if (Hour().Match(text) is { Success: true } clock && int.TryParse(clock.Groups["hour"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h <= 23)
        {
            hour = part is DayPart.Afternoon or DayPart.Evening && h < 12 ? h + 12 : h;
        }

        if (byWeekday && day == today && (hour ?? PartEnds(part)) is { } until && until <= now.ToOffset(ChinaOffset).Hour)
        {
            // "周一下午" said on a Monday evening is next Monday's afternoon: this one has gone.
            day = day.Value.AddDays(7);
        }

        return day is null && part == DayPart.Any && hour is null ? null : new TimeWish(day, part, hour);
    }

    /// <summary>The hour a part of the day is over; null for any time of day.</summary>
    private static int? PartEnds(DayPart part) => part switch
    {
        DayPart.Morning => 12,
        DayPart.Afternoon => 18,
        DayPart.Evening => 22,
        _ => null,
    };

    /// <summary>"12月2日（周三）下午", how a wish is said back.</summary>
    public static string Describe(TimeWish wish)
    {
        var text = wish.Day is { } day
            ? day.ToString("M月d日", CultureInfo.InvariantCulture) + "（" + WeekDays[(int)day.DayOfWeek] + "）"
            : string.Empty;
        text += wish.Part switch
        {
            DayPart.Morning => Resources.Texts.MediationMorning,
            DayPart.Afternoon => Resources.Texts.MediationAfternoon,
            DayPart.Evening => Resources.Texts.MediationEvening,
            _ => string.Empty,
        };
        return wish.Hour is { } hour ? text + hour.ToString(CultureInfo.InvariantCulture) + Resources.Texts.MediationOClock : text;
    }

    /// <summary>周三 is this week's Wednesday until it has passed, then next week's; 下周三 is next week's.</summary>
    private static DateOnly WeekdayFrom(DateOnly today, int wanted, bool next)
    {
        // Weeks start on Monday in China: 下周日 is the Sunday after next Monday.
        static int Index(DayOfWeek d) => ((int)d + 6) % 7;
        var monday = today.AddDays(-Index(today.DayOfWeek));
        var inWeek = monday.AddDays(Index((DayOfWeek)wanted));
        if (next)
        {
            return inWeek.AddDays(7);
        }

        return inWeek < today ? inWeek.AddDays(7) : inWeek;
    }

    [GeneratedRegex("今天|明天|后天|大后天")]
    private static partial Regex RelativeDay();

    [GeneratedRegex("(?<next>下个?)?(?:(?:周|星期|礼拜)(?<day>[一二三四五六日天])|周末)")]
    private static partial Regex Weekday();

    [GeneratedRegex("昨天|前天|上周|上个星期|上礼拜")]
    private static partial Regex PastDay();

    [GeneratedRegex(@"(?<month>\d{1,2})\s*月\s*(?<day>\d{1,2})\s*[日号]?")]
    private static partial Regex MonthDay();

    [GeneratedRegex("上午|早上|早晨|上班|中午|下午|午后|晚上|傍晚|下班后")]
    private static partial Regex Part();

    [GeneratedRegex(@"(?<hour>\d{1,2})\s*(?:点|:|：|时)")]
    private static partial Regex Hour();
}
