using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Data;

/// <summary>
/// A citizen's report as a 12345 / 综治 work order carries it (what the center receives is the Ticket of
/// bot/Ticketing/Center/center-api.yaml).
/// </summary>
internal sealed class TicketRecord
{
    /// <summary>Sortable GUID (version 7), also the idempotency key at the center.</summary>
    public required string Id { get; set; }

    /// <summary>Human-readable number, <c>yyyyMMdd-NNNN</c> per day in China time; unique.</summary>
    public required string Number { get; set; }

    public required string ChannelId { get; set; }
    public required string ReporterUserId { get; set; }
    public required string ReporterConversationId { get; set; }

    /// <summary>Stored as <c>resident</c> or <c>grid_worker</c>.</summary>
    public required ReporterRole ReporterRole { get; set; }

    public bool Anonymous { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }

    /// <summary>诉求类型 code: help, complaint, report, suggestion, inquiry.</summary>
    public required string Type { get; set; }

    public required string CategoryCode { get; set; }
    public required string CategoryName { get; set; }

    /// <summary>Stored as <c>normal</c> or <c>urgent</c>.</summary>
    public required Urgency Urgency { get; set; }

    public string? Address { get; set; }

    /// <summary>The point as the citizen's channel gave it, in <see cref="Crs"/>.</summary>
    public double? Latitude { get; set; }

    /// <inheritdoc cref="Latitude"/>
    public double? Longitude { get; set; }

    public string? Crs { get; set; }

    /// <summary>The same point in WGS-84, for distance queries in one datum.</summary>
    public double? LatitudeWgs84 { get; set; }

    /// <inheritdoc cref="LatitudeWgs84"/>
    public double? LongitudeWgs84 { get; set; }

    public string? GridId { get; set; }
    public string? GridName { get; set; }
    public string? Community { get; set; }
    public string? Street { get; set; }

    public required string Description { get; set; }

    /// <summary>Where the ticket is in its life; stored as the status code the center uses (see <c>TicketStatuses</c>).</summary>
    public required TicketStatus Status { get; set; }

    /// <summary>The center's own id once it accepted the ticket.</summary>
    public string? CenterId { get; set; }

    /// <summary>The center marked it 高价值信息.</summary>
    public bool HighValue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>答复时限: when the center's answer is due, from the category's answer time (<c>AnswerClock</c>).
    /// Null on tickets written before due times were kept.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>When the citizen was told the ticket passed its due time without an answer (told once).</summary>
    public DateTimeOffset? OverdueNotifiedAt { get; set; }

    /// <summary>When the hotspot check (bot/Insight) looked at it; null until then, so a check lost with its process is swept up.</summary>
    public DateTimeOffset? HotspotCheckedAt { get; set; }

    public List<TicketPhotoRecord> Photos { get; set; } = [];
    public List<TicketHistoryRecord> History { get; set; } = [];
}
