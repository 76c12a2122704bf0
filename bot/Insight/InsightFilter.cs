using System.Globalization;
using System.Text.RegularExpressions;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Mediation;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// The console's filters, read from the query string: <c>from</c>/<c>to</c> (China dates, both included; default the
/// last 30 days), and comma-separated <c>category</c>, <c>status</c>, <c>channel</c>, <c>role</c>.
/// </summary>
internal sealed partial record InsightFilter(
    DateOnly FromDay,
    DateOnly ToDay,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Statuses,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> Roles)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 400;

    private static readonly string[] KnownStatuses =
    [
        TicketStatuses.Submitted, TicketStatuses.Accepted, TicketStatuses.Dispatched, TicketStatuses.InProgress,
        TicketStatuses.Resolved, TicketStatuses.Returned, TicketStatuses.Closed,
    ];

    private static readonly string[] KnownRoles = [ReporterRoles.Resident, ReporterRoles.GridWorker];

    public DateTimeOffset From => StartOf(FromDay);

    /// <summary>Exclusive: the start of the day after <see cref="ToDay"/>.</summary>
    public DateTimeOffset To => StartOf(ToDay.AddDays(1));

    public static DateTimeOffset StartOf(DateOnly day) =>
        new(day.ToDateTime(TimeOnly.MinValue), MediationCalendar.China.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, MediationCalendar.China).DateTime);

    public static InsightFilter ForDays(DateOnly fromDay, DateOnly toDay) => new(fromDay, toDay, [], [], [], []);

    /// <summary>The filter, or what is wrong with the query (in Chinese, for the staff member who typed it).</summary>
    public static (InsightFilter? Filter, string? Error) Parse(IQueryCollection query, DateTimeOffset now)
    {
        var today = DayOf(now);
        if (!TryDay(query["to"], today, out var toDay))
        {
            return (null, "结束日期格式应为 yyyy-MM-dd");
        }

        if (!TryDay(query["from"], toDay.AddDays(1 - DefaultDays), out var fromDay))
        {
            return (null, "开始日期格式应为 yyyy-MM-dd");
        }

        if (fromDay > toDay)
        {
            return (null, "开始日期不能晚于结束日期");
        }

        if (toDay.DayNumber - fromDay.DayNumber >= MaxDays)
        {
            return (null, $"日期范围不能超过{MaxDays}天");
        }

        var categories = List(query["category"]);
        if (categories.Any(c => !CodePattern().IsMatch(c)))
        {
            return (null, "类别代码无效");
        }

        var statuses = List(query["status"]);
        if (statuses.Any(s => !KnownStatuses.Contains(s)))
        {
            return (null, "状态无效");
        }

        var channels = List(query["channel"]);
        if (channels.Any(c => !ChannelPattern().IsMatch(c)))
        {
            return (null, "渠道无效");
        }

        var roles = List(query["role"]);
        if (roles.Any(r => !KnownRoles.Contains(r)))
        {
            return (null, "上报人身份无效");
        }

        return (new InsightFilter(fromDay, toDay, categories, statuses, channels, roles), null);
    }

    /// <summary>The tickets this filter selects.</summary>
    public IQueryable<TicketRecord> Apply(IQueryable<TicketRecord> tickets)
    {
        var from = From;
        var to = To;
        return ApplyKind(tickets.Where(t => t.CreatedAt >= from && t.CreatedAt < to));
    }

    /// <summary>Every filter but the date range: for tickets whose 办结 or rating, not their filing, falls in it.</summary>
    public IQueryable<TicketRecord> ApplyKind(IQueryable<TicketRecord> query)
    {
        if (Statuses.Count > 0)
        {
            var statuses = Statuses.Select(TicketStatuses.ToTyped).ToList();
            query = query.Where(t => statuses.Contains(t.Status));
        }

        return ApplyPlaceAndKind(query);
    }

    /// <summary>Category, channel and role only: what still applies to a list that is not about a date range.</summary>
    public IQueryable<TicketRecord> ApplyPlaceAndKind(IQueryable<TicketRecord> query)
    {
        if (Categories.Count > 0)
        {
            var categories = Categories.ToList();
            query = query.Where(t => categories.Contains(t.CategoryCode));
        }

        if (Channels.Count > 0)
        {
            var channels = Channels.ToList();
            query = query.Where(t => channels.Contains(t.ChannelId));
        }

        if (Roles.Count > 0)
        {
            var roles = Roles.Select(ReporterRoles.ToTyped).ToList();
            query = query.Where(t => roles.Contains(t.ReporterRole));
        }

        return query;
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private static List<string> List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex("^[0-9A-Za-z-]{1,16}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,31}$")]
    private static partial Regex ChannelPattern();
}
