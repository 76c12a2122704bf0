using Microsoft.Extensions.Options;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// When a ticket is due (答复时限) and whether it is overdue or at risk, for the console. A ticket carries the due time
/// it was given from the taxonomy (<c>AnswerClock</c>, told to the citizen); these settings are the fallback for tickets
/// filed before due times were kept.
/// </summary>
internal sealed class AnswerTimes(IOptions<InsightOptions> options)
{
    /// <summary>Statuses of a ticket the center still has to answer.</summary>
    public static readonly TicketStatus[] OpenStatuses =
    [
        TicketStatus.Submitted, TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.InProgress,
        TicketStatus.ReopenRequested, TicketStatus.Reopened,
    ];

    public TimeSpan For(string categoryCode, Urgency urgency)
    {
        var settings = options.Value;
        if (settings.AnswerTimes.TryGetValue(categoryCode, out var configured))
        {
            return configured;
        }

        return urgency == Urgency.Urgent ? settings.UrgentAnswerTime : settings.DefaultAnswerTime;
    }

    /// <param name="stored">The ticket's own due time, when it has one.</param>
    public DateTimeOffset DueAt(string categoryCode, Urgency urgency, DateTimeOffset createdAt, DateTimeOffset? stored = null) =>
        stored ?? createdAt + For(categoryCode, urgency);

    /// <summary>The shortest answer time of any ticket: open tickets created after <c>at - Shortest + AtRiskWindow</c> cannot be at risk at <c>at</c>.</summary>
    public TimeSpan Shortest
    {
        get
        {
            var settings = options.Value;
            return settings.AnswerTimes.Values.Append(settings.DefaultAnswerTime).Append(settings.UrgentAnswerTime).Min();
        }
    }

    public TimeSpan AtRiskWindow => options.Value.AtRiskWindow;
}
