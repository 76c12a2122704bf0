using CitizenBot.Dialogs.Mediation;

namespace CitizenBot.Bot.Data;

/// <summary>
/// A video-mediation booking. An active one (<c>Invited</c> or <c>Confirmed</c>) holds its mediator's slot: the partial
/// unique index on (MediatorId, SlotStart) for active rows is what makes a double booking impossible, whatever the code does.
/// </summary>
internal sealed class MediationBookingRecord
{
    public required string Id { get; set; }
    public required string Number { get; set; }

    /// <summary>Stored as its name: Invited, Confirmed, Declined, Expired, Cancelled (<see cref="BookingStatuses"/>).</summary>
    public required BookingStatus Status { get; set; }

    public required string BodyId { get; set; }
    public required string MediatorId { get; set; }
    public DateTimeOffset SlotStart { get; set; }
    public DateTimeOffset SlotEnd { get; set; }
    public required string DisputeType { get; set; }
    public required string Facts { get; set; }

    public required string ChannelId { get; set; }
    public required string UserId { get; set; }
    public required string ConversationId { get; set; }
    public required string ApplicantName { get; set; }
    public required string ApplicantPhone { get; set; }
    public required string OtherName { get; set; }
    public string? OtherPhone { get; set; }
    public string? OtherWeChatId { get; set; }

    /// <summary>The unguessable video room name.</summary>
    public required string RoomName { get; set; }

    public bool InvitationSent { get; set; }
    public DateTimeOffset InvitationExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Hangfire ids of the scheduled reminder and expiry jobs, space-separated, so a change can remove them.</summary>
    public string ScheduledJobIds { get; set; } = string.Empty;

    /// <summary>The reminders already sent for the current slot ("24h", "1h"), so a job run twice sends once.</summary>
    public string RemindersSent { get; set; } = string.Empty;
}
