namespace CitizenBot.Bot.Data;

/// <summary>
/// 热点: reports of one category close together in a short time (<c>Insight:Hotspot*</c>), flagged when the last
/// report needed arrives. Later reports of the same category nearby join it instead of forming another.
/// </summary>
internal sealed class HotspotRecord
{
    /// <summary>Sortable GUID (version 7); the <c>Idempotency-Key</c> of its push to the center.</summary>
    public required string Id { get; set; }

    public required string CategoryCode { get; set; }
    public required string CategoryName { get; set; }

    /// <summary>Where it formed: the report that completed it, in WGS-84.</summary>
    public double Latitude { get; set; }

    /// <inheritdoc cref="Latitude"/>
    public double Longitude { get; set; }

    public string? GridId { get; set; }
    public string? GridName { get; set; }

    public DateTimeOffset FormedAt { get; set; }
    public DateTimeOffset LastReportAt { get; set; }
    public int TicketCount { get; set; }

    public List<HotspotTicketRecord> Tickets { get; set; } = [];
}

/// <summary>A ticket that belongs to a hotspot; a ticket belongs to at most one.</summary>
internal sealed class HotspotTicketRecord
{
    public required string HotspotId { get; set; }
    public required string TicketId { get; set; }
}
