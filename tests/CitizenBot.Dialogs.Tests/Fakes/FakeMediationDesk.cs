using CitizenBot.Dialogs.Mediation;

namespace CitizenBot.Dialogs.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IMediationDesk"/> with two bodies and fixed slots (Monday 30 November 2026, China time; the
/// labour committee also on Wednesday 2 and Friday 4 December).
/// <see cref="TakenByOthers"/> and <see cref="PastSlots"/> let a test make a slot go while the citizen is choosing.
/// </summary>
internal sealed class FakeMediationDesk : IMediationDesk
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly List<Entry> _bookings = [];
    private int _numbered;

    public IReadOnlyList<DisputeType> DisputeTypes { get; } =
    [
        new("labor", "劳动争议", ["工资", "欠薪", "工伤"], ["legal:labour", "legal:wages", "legal:dismissal", "legal:work_injury", "report:06-03"]),
        new("neighbour", "邻里纠纷", ["邻居", "漏水"], ["legal:neighbours", "report:06-02"]),
        new("other", "其他纠纷", []),
    ];

    public List<MediationBody> Bodies { get; } =
    [
        new("labor-committee", "城关镇劳动争议调解委员会", "劳动争议调解组织", "城关镇人民路8号", ["labor"], true),
        new("chengguan", "城关镇人民调解委员会", "人民调解委员会", "城关镇府前街1号", ["labor", "neighbour", "other"], true),
    ];

    /// <summary>Slot ids someone else books just before the citizen does.</summary>
    public HashSet<string> TakenByOthers { get; } = [];

    /// <summary>Slot ids that have started or are too close to book by the time the citizen answers.</summary>
    public HashSet<string> PastSlots { get; } = [];

    public IReadOnlyList<BookingRequest> Requests => [.. _bookings.Select(b => b.Request)];

    public IReadOnlyList<MediationBody> BodiesFor(string disputeType) => [.. Bodies.Where(b => b.Specialties.Contains(disputeType))];

    public Task<IReadOnlyList<MediationSlot>> NextFreeSlotsAsync(string bodyId, string disputeType, int count, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MediationSlot>>([.. AllSlots(bodyId).Where(IsFree).Take(count)]);

    public Task<BookingResult> BookAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        var slot = FindSlot(request.SlotId);
        if (slot is null || PastSlots.Contains(slot.SlotId) || (request.BodyId is not null && request.BodyId != slot.BodyId))
        {
            return Task.FromResult(new BookingResult(BookingOutcome.SlotInvalid, null, Others(slot?.BodyId ?? request.BodyId, request.SlotId)));
        }

        if (!IsFree(slot))
        {
            return Task.FromResult(new BookingResult(BookingOutcome.SlotTaken, null, Others(slot.BodyId, slot.SlotId)));
        }

        var entry = new Entry(request, $"TJ20261127-{++_numbered:0000}", slot) { Status = BookingStatus.Invited };
        _bookings.Add(entry);
        return Task.FromResult(new BookingResult(BookingOutcome.Done, View(entry)));
    }

    public Task<IReadOnlyList<MediationBooking>> ListActiveAsync(MediationCitizen citizen, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MediationBooking>>([.. Mine(citizen).Where(e => e.Status is BookingStatus.Invited or BookingStatus.Confirmed).Select(View)]);

    public Task<BookingResult> CancelAsync(MediationCitizen citizen, string bookingId, CancellationToken cancellationToken)
    {
        if (Mine(citizen).FirstOrDefault(e => e.Number == bookingId) is not { } entry)
        {
            return Task.FromResult(new BookingResult(BookingOutcome.NotFound));
        }

        entry.Status = BookingStatus.Cancelled;
        return Task.FromResult(new BookingResult(BookingOutcome.Done, View(entry)));
    }

    public Task<BookingResult> RescheduleAsync(MediationCitizen citizen, string bookingId, string slotId, CancellationToken cancellationToken)
    {
        if (Mine(citizen).FirstOrDefault(e => e.Number == bookingId) is not { } entry)
        {
            return Task.FromResult(new BookingResult(BookingOutcome.NotFound));
        }

        var slot = FindSlot(slotId);
        if (slot is null || slot.BodyId != entry.Slot.BodyId || PastSlots.Contains(slotId))
        {
            return Task.FromResult(new BookingResult(BookingOutcome.SlotInvalid, null, Others(entry.Slot.BodyId, slotId)));
        }

        if (!IsFree(slot))
        {
            return Task.FromResult(new BookingResult(BookingOutcome.SlotTaken, null, Others(entry.Slot.BodyId, slotId)));
        }

        entry.Slot = slot;
        return Task.FromResult(new BookingResult(BookingOutcome.Done, View(entry)));
    }

    /// <summary>The other party answers the invitation (or lets it expire).</summary>
    public void SetStatus(string number, BookingStatus status) => _bookings.Single(e => e.Number == number).Status = status;

    /// <summary>A booking of someone else, to check that it never shows up or changes.</summary>
    public void AddForeign(string userId)
    {
        var slot = AllSlots("chengguan")[^1];
        var request = new BookingRequest(new MediationCitizen("test", userId, "conversation-x"), slot.SlotId, "neighbour", "楼上漏水", new PartyContact("李四", "13900139000"), new PartyContact("王五", "13700137000"));
        _bookings.Add(new Entry(request, "TJ20261126-0099", slot) { Status = BookingStatus.Confirmed });
    }

    private IEnumerable<Entry> Mine(MediationCitizen citizen) =>
        _bookings.Where(e => e.Request.Citizen.ChannelId == citizen.ChannelId && e.Request.Citizen.UserId == citizen.UserId);

    private bool IsFree(MediationSlot slot) =>
        !TakenByOthers.Contains(slot.SlotId) && !PastSlots.Contains(slot.SlotId)
        && !_bookings.Exists(e => e.Slot.SlotId == slot.SlotId && e.Status is BookingStatus.Invited or BookingStatus.Confirmed);

    private List<MediationSlot> Others(string? bodyId, string exceptSlotId) =>
        bodyId is null ? [] : [.. AllSlots(bodyId).Where(s => s.SlotId != exceptSlotId && IsFree(s)).Take(3)];

    private MediationSlot? FindSlot(string slotId) => Bodies.SelectMany(b => AllSlots(b.BodyId)).FirstOrDefault(s => s.SlotId == slotId);

    private static List<MediationSlot> AllSlots(string bodyId)
    {
        var (mediatorId, name) = bodyId == "chengguan" ? ("m-zhou", "周调解员") : ("m-wang", "王调解员");
        var day = new DateTimeOffset(2026, 11, 30, 0, 0, 0, China);
        var monday = new[] { 9, 10, 11, 14, 15, 16 }.Select(h => new MediationSlot($"{mediatorId}@{h}", bodyId, mediatorId, name, day.AddHours(h), day.AddHours(h + 1)));
        if (bodyId == "chengguan")
        {
            return [.. monday];
        }

        // Later in the window: Wednesday 2 December morning and afternoon, Friday 4 December morning; nothing on Tuesday.
        var later = new[] { (2, 9), (2, 14), (2, 15), (4, 10) }
            .Select(x => (Id: $"{mediatorId}@{x.Item1}d{x.Item2}", Start: day.AddDays(x.Item1).AddHours(x.Item2)))
            .Select(x => new MediationSlot(x.Id, bodyId, mediatorId, name, x.Start, x.Start.AddHours(1)));
        return [.. monday, .. later];
    }

    private MediationBooking View(Entry e)
    {
        var body = Bodies.Single(b => b.BodyId == e.Slot.BodyId);
        var type = DisputeTypes.Single(t => t.Code == e.Request.DisputeType);
        var link = "https://bot.example/mediation/" + e.Number;
        return new MediationBooking(
            e.Number, e.Number, e.Status, body.BodyId, body.Name, e.Slot.MediatorName, type.Code, type.Name, e.Slot.Start, e.Slot.End,
            link + "/join?k=a", link + "/calendar.ics?k=a", link + "/qr.png?k=a", link + "/invite?k=b", InvitationSent: false,
            new DateTimeOffset(2026, 11, 30, 10, 30, 0, China));
    }

    private sealed record Entry(BookingRequest Request, string Number, MediationSlot Slot)
    {
        public MediationSlot Slot { get; set; } = Slot;

        public BookingStatus Status { get; set; }
    }
}
