using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Insight;

/// <summary>The staff console (研判), its hotspot rule, answer times and the daily digest; configuration section <c>Insight</c>.</summary>
public sealed class InsightOptions
{
    public const string SectionName = "Insight";

    /// <summary>Reports of one category that make a hotspot (热点).</summary>
    [Range(2, 1000)]
    public int HotspotMinReports { get; set; } = 3;

    /// <summary>How close together (metres, WGS-84) those reports are.</summary>
    [Range(10, 10_000)]
    public double HotspotRadiusMeters { get; set; } = 200;

    /// <summary>Within how long; a hotspot stays open to new reports for as long after its last one.</summary>
    public TimeSpan HotspotWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Push a newly formed hotspot to the center (<c>POST /hotspots</c>).</summary>
    public bool HotspotsToCenter { get; set; } = true;

    /// <summary>
    /// Answer time of a category with none in <see cref="AnswerTimes"/>, for tickets filed before tickets kept their own
    /// due time (from the taxonomy, <c>AnswerClock</c>); <see cref="AnswerTimes"/> (the class) is where the two meet.
    /// </summary>
    public TimeSpan DefaultAnswerTime { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Answer time of an urgent ticket whose category has none in <see cref="AnswerTimes"/>.</summary>
    public TimeSpan UrgentAnswerTime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Answer time per category code, e.g. <c>Insight:AnswerTimes:05-01 = 1.00:00:00</c>.</summary>
    public Dictionary<string, TimeSpan> AnswerTimes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A ticket due within this is "at risk" (临期).</summary>
    public TimeSpan AtRiskWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>When the daily digest (研判日报) of the day before is made, China time (HH:mm); empty: never by itself.</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$|^$")]
    public string DigestTime { get; set; } = "07:30";

    /// <summary>Also send each digest to the center (<c>POST /digests</c>).</summary>
    public bool DigestToCenter { get; set; }

    /// <summary>
    /// How often every instance looks for reports whose hotspot check was lost (the process died between saving the
    /// report and queuing its check) and for staff alerts still unsent; also done once at start.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The digest and new hotspots sent to staff by WeChat template message; off unless configured.</summary>
    public StaffAlertOptions StaffAlerts { get; set; } = new();
}

/// <summary>
/// <c>Insight:StaffAlerts</c>: staff openids (followers of the Official Account) and the template ids, as the
/// account's template library gives them, with fields <c>first</c>, <c>keyword1</c>…<c>keyword4</c> and <c>remark</c>.
/// A kind without its template id, or an empty list of openids, sends nothing.
/// </summary>
public sealed class StaffAlertOptions
{
    public List<string> OpenIds { get; set; } = [];

    public string? DigestTemplateId { get; set; }

    public string? HotspotTemplateId { get; set; }

    /// <summary>Opened when the message is tapped, e.g. the console behind the center's VPN; none if empty.</summary>
    public Uri? Url { get; set; }

    /// <summary>How long an unsent message is retried before it is given up (and logged as an error).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);
}
