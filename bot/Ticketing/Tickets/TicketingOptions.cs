using System.ComponentModel.DataAnnotations;
using CitizenBot.Bot.Data;

namespace CitizenBot.Bot.Ticketing.Tickets;

/// <summary>Bound from configuration section <c>Tickets</c>.</summary>
public sealed class TicketingOptions
{
    public const string SectionName = "Tickets";

    /// <summary>JSON taxonomy file (categories, center codes, keywords, hints).</summary>
    /// <value>Empty: the embedded <c>bot/Ticketing/Tickets/taxonomy.zh-CN.json</c> with SAMPLE center codes.</value>
    public string TaxonomyPath { get; set; } = "";

    /// <summary>Longer descriptions are cut to this many characters. <value>2000.</value></summary>
    [Range(100, TicketingDefaults.MaxDescriptionLengthLimit)]
    public int MaxDescriptionLength { get; set; } = 2000;

    /// <summary>An open ticket of the same category this close is offered as a possible duplicate. <value>100 m.</value></summary>
    [Range(1, 10_000)]
    public double DuplicateRadiusMeters { get; set; } = 100;

    /// <summary>How far back the duplicate check looks. <value>24 hours.</value></summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most photos on one ticket. <value>9.</value></summary>
    [Range(0, 50)]
    public int MaxPhotos { get; set; } = 9;

    /// <summary>
    /// Ticket numbers each instance takes from the day's counter at a time (<c>TicketNumbers</c>): unused ones are lost
    /// when the instance stops, so numbers have gaps; larger blocks touch the shared counter row less often. <value>50.</value>
    /// </summary>
    [Range(1, 10_000)]
    public int NumberBlockSize { get; set; } = 50;

    /// <summary>
    /// Days off besides Saturdays and Sundays (China days, e.g. <c>Tickets:Holidays:0 = 2026-10-01</c>): the answer
    /// clock of working-day categories stands still on them (<c>AnswerClock</c>). <value>Empty: public holidays are not modelled.</value>
    /// </summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>How often the overdue watch looks for tickets past their due time to tell their citizens. <value>5 minutes.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>This bot's address as the center reaches it (signed photo links). <value>Empty: the server's own
    /// listening address, right for the embedded simulator; set it behind a proxy.</value></summary>
    public string PublicBaseUrl { get; set; } = "";
}
