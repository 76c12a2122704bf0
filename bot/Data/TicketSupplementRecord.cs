using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Bot.Data;

/// <summary>
/// Another report of an open ticket's problem, added to it instead of a duplicate ("补充到已有工单"): who sent it and how
/// to reach them. Its words are the note of its <see cref="History"/> row; its photos point to it
/// (<see cref="TicketPhotoRecord.SupplementId"/>). Pushed to the center once the center has the ticket.
/// </summary>
internal sealed class TicketSupplementRecord
{
    /// <summary>Sortable GUID (version 7), also the idempotency key at the center.</summary>
    public required string Id { get; set; }

    public required string TicketId { get; set; }

    /// <summary>The <c>supplemented</c> row of the ticket's history, written with it.</summary>
    public long HistoryId { get; set; }

    public TicketHistoryRecord? History { get; set; }

    public required string ChannelId { get; set; }

    /// <summary>Who sent it (often not the ticket's reporter); empty once their data is erased.</summary>
    public required string ReporterUserId { get; set; }

    /// <summary>Stored as <c>resident</c> or <c>grid_worker</c>, like the ticket's.</summary>
    public required ReporterRole ReporterRole { get; set; }

    public bool Anonymous { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<TicketPhotoRecord> Photos { get; set; } = [];
}
