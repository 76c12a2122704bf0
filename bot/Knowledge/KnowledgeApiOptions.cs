using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Knowledge;

/// <summary>Limits of the public knowledge API (section <c>KnowledgeApi</c>).</summary>
internal sealed class KnowledgeApiOptions
{
    public const string SectionName = "KnowledgeApi";

    /// <summary>Requests per client address per minute (<c>KnowledgeApi:PermitsPerMinute</c>).</summary>
    /// <value>Default 30: a person asking questions stays far below it; a scraper does not.</value>
    [Range(1, 10_000)]
    public int PermitsPerMinute { get; set; } = 30;
}
