using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Mediation;

/// <summary>Section <c>Mediation</c>: the catalog, the calendar, links and the video room.</summary>
internal sealed class MediationOptions
{
    public const string SectionName = "Mediation";

    /// <value>A JSON file shaped like the embedded <c>mediation-bodies.zh-CN.json</c> (a labelled sample); empty: the sample.</value>
    public string CatalogPath { get; set; } = string.Empty;

    /// <value>Public holidays (yyyy-MM-dd, China time): no slots, and not counted as working days.</value>
    public List<string> Holidays { get; set; } = [];

    /// <value>Weekend days that are working days (调休上班), yyyy-MM-dd.</value>
    public List<string> ExtraWorkdays { get; set; } = [];

    /// <value>Earliest start of a bookable slot after now. Default 2 hours.</value>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MinimumLeadTime { get; set; } = TimeSpan.FromHours(2);

    /// <value>How far ahead a citizen can find slots, in working days (the page of slots, 更多时间 and a time asked for in words all search this window; the mediation API takes it as calendar days for a range without an end). Default 14.</value>
    [Range(1, 90)]
    public int SearchDays { get; set; } = 14;

    /// <value>The other party must answer within this many working days (SPC 在线调解规则 第十五条). Default 3.</value>
    [Range(1, 10)]
    public int InvitationWorkingDays { get; set; } = 3;

    /// <value>The join link opens this long before the slot. Default 15 minutes.</value>
    public TimeSpan JoinOpensBefore { get; set; } = TimeSpan.FromMinutes(15);

    /// <value>Base URL of a Jitsi-Meet-compatible server; a room is this URL plus an unguessable name.</value>
    [Required]
    [Url]
    public string VideoBaseUrl { get; set; } = "https://meet.jit.si";

    /// <value>Base64 key (≥ 32 bytes) signing join and invitation links; empty: generated once under data/keys.</value>
    public string SigningKey { get; set; } = string.Empty;
}
