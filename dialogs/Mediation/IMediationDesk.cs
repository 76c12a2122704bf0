namespace CitizenBot.Dialogs.Mediation;

/// <summary>
/// The Mediation flows' way to the mediation bodies, their free slots and the bookings (预约调解).
/// A citizen only ever sees and changes their own bookings: every call that touches one takes the citizen.
/// </summary>
public interface IMediationDesk
{
    /// <summary>The dispute types offered, in display order (劳动争议, 医疗纠纷, 交通事故 …).</summary>
    IReadOnlyList<DisputeType> DisputeTypes { get; }

    /// <summary>The bodies with at least one mediator for <paramref name="disputeType"/>.</summary>
    IReadOnlyList<MediationBody> BodiesFor(string disputeType);

    /// <summary>The next free slots of the body's mediators for that dispute type, earliest first.</summary>
    Task<IReadOnlyList<MediationSlot>> NextFreeSlotsAsync(string bodyId, string disputeType, int count, CancellationToken cancellationToken);

    /// <summary>Books the slot. Never two active bookings on one mediator's slot: the loser gets <see cref="BookingOutcome.SlotTaken"/> and other slots.</summary>
    Task<BookingResult> BookAsync(BookingRequest request, CancellationToken cancellationToken);

    /// <summary>The citizen's bookings that are still waiting or confirmed, earliest first.</summary>
    Task<IReadOnlyList<MediationBooking>> ListActiveAsync(MediationCitizen citizen, CancellationToken cancellationToken);

    Task<BookingResult> CancelAsync(MediationCitizen citizen, string bookingId, CancellationToken cancellationToken);

    /// <summary>Moves the booking to another slot of the same body; the other party is asked again only if they had not yet answered.</summary>
    Task<BookingResult> RescheduleAsync(MediationCitizen citizen, string bookingId, string slotId, CancellationToken cancellationToken);
}

/// <summary>Who asks, as the channel identifies them.</summary>
public sealed record MediationCitizen(string ChannelId, string UserId, string ConversationId);

/// <param name="Understood">What the type means to the understanding model (route labels such as <c>legal:neighbours</c>), so a sentence can pick it.</param>
public sealed record DisputeType(string Code, string Name, IReadOnlyList<string> Keywords, IReadOnlyList<string>? Understood = null);

/// <param name="Kind">人民调解委员会, 行业性专业性调解组织 …</param>
public sealed record MediationBody(string BodyId, string Name, string Kind, string Address, IReadOnlyList<string> Specialties, bool FreeOfCharge);

public sealed record MediationSlot(string SlotId, string BodyId, string MediatorId, string MediatorName, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A party: a name and a mainland mobile number or a WeChat id.</summary>
public sealed record PartyContact(string Name, string? Phone, string? WeChatId = null);

public sealed record BookingRequest(
    MediationCitizen Citizen, string SlotId, string DisputeType, string Facts, PartyContact Applicant, PartyContact OtherParty, string? BodyId = null);

public enum BookingOutcome
{
    Done,

    /// <summary>Someone else booked the slot first; <see cref="BookingResult.Alternatives"/> holds other free slots.</summary>
    SlotTaken,

    /// <summary>No such slot, in the past, too soon, of another body, or a holiday.</summary>
    SlotInvalid,

    /// <summary>A field is missing, too long, or the phone number is not a mobile number.</summary>
    InvalidInput,

    /// <summary>Not the citizen's booking (or none with that id): the same answer either way.</summary>
    NotFound,

    /// <summary>The booking is declined, expired, cancelled or already over.</summary>
    NotChangeable,
}

public enum BookingStatus
{
    /// <summary>Waiting for the other party to accept.</summary>
    Invited,
    Confirmed,
    Declined,
    Expired,
    Cancelled,
}

/// <param name="InvitationUrl">The other party's accept/decline page.</param>
/// <param name="InvitationSent">True when the invitation went out by SMS or WeChat; false when the applicant must forward it.</param>
public sealed record MediationBooking(
    string BookingId,
    string Number,
    BookingStatus Status,
    string BodyId,
    string BodyName,
    string MediatorName,
    string DisputeType,
    string DisputeTypeName,
    DateTimeOffset Start,
    DateTimeOffset End,
    string JoinUrl,
    string IcsUrl,
    string QrUrl,
    string InvitationUrl,
    bool InvitationSent,
    DateTimeOffset InvitationExpiresAt);

public sealed record BookingResult(BookingOutcome Outcome, MediationBooking? Booking = null, IReadOnlyList<MediationSlot>? Alternatives = null)
{
    public IReadOnlyList<MediationSlot> OtherSlots => Alternatives ?? [];
}
