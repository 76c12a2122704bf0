namespace CitizenBot.Dialogs.Mediation;

/// <summary>Where the booking flow is: what the citizen said so far and the options last shown.</summary>
internal sealed record MediationState
{
    /// <summary>The citizen's active bookings as listed at the start (the choice answers with an index).</summary>
    public IReadOnlyList<string> ListedBookingIds { get; init; } = [];

    /// <summary>A listed booking was chosen: the manage flow runs, and when it ends this flow ends.</summary>
    public bool Managing { get; init; }

    /// <summary>The message that began the flow asked about a booking already made (取消预约, 改期, 对方同意了没).</summary>
    public bool AskedAboutABooking { get; init; }

    public string? DisputeType { get; init; }

    /// <summary>The message that began the flow made the dispute type clear: said once instead of asked.</summary>
    public bool DisputeTypeGiven { get; init; }

    public string? Facts { get; init; }

    /// <summary>The message that began the flow told what happened: it is the facts, not asked for again.</summary>
    public bool FactsGiven { get; init; }

    public string? ApplicantName { get; init; }

    public string? ApplicantPhone { get; init; }

    public string? OtherName { get; init; }

    public string? OtherPhone { get; init; }

    public string? OtherWeChatId { get; init; }

    public IReadOnlyList<string> BodyIds { get; init; } = [];

    public string? BodyId { get; init; }

    /// <summary>The slots last offered, in display order.</summary>
    public IReadOnlyList<MediationSlot> Slots { get; init; } = [];

    public MediationSlot? Slot { get; init; }
}

/// <summary>Where the manage flow is: the booking and the slots last offered.</summary>
internal sealed record ManageBookingState
{
    public string BookingId { get; init; } = string.Empty;

    public BookingAction? Action { get; init; }

    public IReadOnlyList<MediationSlot> Slots { get; init; } = [];
}

internal enum BookingAction
{
    Reschedule,
    Cancel,
}
