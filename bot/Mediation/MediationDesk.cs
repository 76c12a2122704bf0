using System.Globalization;
using System.Security.Cryptography;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Dialogs.Mediation;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Resources;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CitizenBot.Bot.Mediation;

/// <summary>
/// Bookings in the database (<see cref="MediationBookingRecord"/>): free slots, booking, the other party's answer,
/// rescheduling and cancelling. A double booking is refused by the database's unique index, not by a check here.
/// </summary>
internal sealed partial class MediationDesk(
    IDbContextFactory<CitizenBotDbContext> databases,
    MediationCatalog catalog,
    MediationCalendar calendar,
    MediationLinks links,
    MediationScheduler scheduler,
    IVideoRoomProvider rooms,
    IPartyMessenger partyMessenger,
    ICitizenNotifier notifier,
    IOptions<MediationOptions> options,
    TimeProvider time,
    ILogger<MediationDesk> logger) : IMediationDesk
{
    public const int MaxFactsLength = 300;
    public const int MaxNameLength = 20;
    private const int AlternativesOffered = 3;

    public IReadOnlyList<DisputeType> DisputeTypes => catalog.DisputeTypes;

    public IReadOnlyList<MediationBody> BodiesFor(string disputeType) =>
        [.. catalog.Bodies.Where(b => b.Mediators.Exists(m => m.Specialties.Contains(disputeType))).Select(b => MediationCatalog.ToBody(b, disputeType))];

    public Task<IReadOnlyList<MediationSlot>> NextFreeSlotsAsync(string bodyId, string disputeType, int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return FreeSlotsAsync(bodyId, disputeType, now, calendar.AddWorkingDays(now, options.Value.SearchDays), count, except: null, cancellationToken);
    }

    /// <summary>Free slots of the body (of mediators for the dispute type, when given) between two times, earliest first.</summary>
    public async Task<IReadOnlyList<MediationSlot>> FreeSlotsAsync(
        string bodyId, string? disputeType, DateTimeOffset from, DateTimeOffset to, int count, string? except, CancellationToken cancellationToken)
    {
        if (catalog.FindBody(bodyId) is not { } body)
        {
            return [];
        }

        var earliest = time.GetUtcNow() + options.Value.MinimumLeadTime;
        from = from < earliest ? earliest : from;
        if (to <= from)
        {
            return [];
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var taken = (await db.MediationBookings.AsNoTracking()
            .Where(b => b.BodyId == bodyId && (b.Status == BookingStatus.Invited || b.Status == BookingStatus.Confirmed) && b.SlotStart >= from.AddDays(-1) && b.SlotStart < to)
            .Select(b => new { b.MediatorId, b.SlotStart })
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(b => (b.MediatorId, b.SlotStart.ToUnixTimeSeconds()))
            .ToHashSet();
        return [.. body.Mediators
            .Where(m => disputeType is null || m.Specialties.Contains(disputeType))
            .SelectMany(m => calendar.Slots(body, m, from, to))
            .Where(s => s.SlotId != except && !taken.Contains((s.MediatorId, s.Start.ToUnixTimeSeconds())))
            .OrderBy(s => s.Start).ThenBy(s => s.MediatorId, StringComparer.Ordinal)
            .Take(count)];
    }

    public async Task<BookingResult> BookAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        if (!IsValid(request))
        {
            return new BookingResult(BookingOutcome.InvalidInput);
        }

        var (slot, problem) = await CheckSlotAsync(request.SlotId, request.BodyId, request.DisputeType, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var record = new MediationBookingRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Number = NewNumber(now),
            Status = BookingStatus.Invited,
            BodyId = slot!.BodyId,
            MediatorId = slot.MediatorId,
            SlotStart = slot.Start,
            SlotEnd = slot.End,
            DisputeType = request.DisputeType,
            Facts = request.Facts.Trim(),
            ChannelId = request.Citizen.ChannelId,
            UserId = request.Citizen.UserId,
            ConversationId = request.Citizen.ConversationId,
            ApplicantName = request.Applicant.Name.Trim(),
            ApplicantPhone = MediationContacts.FindMobile(request.Applicant.Phone)!,
            OtherName = request.OtherParty.Name.Trim(),
            OtherPhone = MediationContacts.FindMobile(request.OtherParty.Phone),
            OtherWeChatId = MediationContacts.FindMobile(request.OtherParty.Phone) is null ? request.OtherParty.WeChatId?.Trim() : null,
            RoomName = rooms.NewRoomName(),
            InvitationExpiresAt = InvitationDeadline(now, slot.Start),
            CreatedAt = now,
        };

        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            db.MediationBookings.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException ex) when (IsSlotConflict(ex))
            {
                LogSlotTaken(logger, slot.SlotId);
                return new BookingResult(BookingOutcome.SlotTaken, null, await AlternativesAsync(slot.BodyId, request.DisputeType, slot.SlotId, cancellationToken).ConfigureAwait(false));
            }
        }

        record.InvitationSent = await InviteAsync(record, cancellationToken).ConfigureAwait(false);
        record.ScheduledJobIds = scheduler.Schedule(record, now);
        await UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        LogBooked(logger, record.Number, record.MediatorId);
        return new BookingResult(BookingOutcome.Done, View(record));
    }

    /// <summary>The other party answers within the working days set, and before the session begins.</summary>
    private DateTimeOffset InvitationDeadline(DateTimeOffset now, DateTimeOffset slotStart)
    {
        var deadline = calendar.AddWorkingDays(now, options.Value.InvitationWorkingDays);
        return deadline < slotStart ? deadline : slotStart;
    }

    /// <summary>Sends the other party the invitation with its link, good until the booking's answer deadline; true when sent.</summary>
    private Task<bool> InviteAsync(MediationBookingRecord record, CancellationToken cancellationToken) =>
        partyMessenger.SendAsync(
            OtherParty(record),
            string.Format(
                CultureInfo.CurrentCulture, Texts.MediationNoticeInvitation,
                record.ApplicantName, catalog.DisputeTypeName(record.DisputeType), catalog.FindBody(record.BodyId)!.Name,
                Period(record.SlotStart, record.SlotEnd), links.Invitation(record.Id, record.InvitationExpiresAt), LocalTime(record.InvitationExpiresAt)),
            cancellationToken);

    public async Task<IReadOnlyList<MediationBooking>> ListActiveAsync(MediationCitizen citizen, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var records = await db.MediationBookings.AsNoTracking()
            .Where(b => b.ChannelId == citizen.ChannelId && b.UserId == citizen.UserId && (b.Status == BookingStatus.Invited || b.Status == BookingStatus.Confirmed) && b.SlotEnd > now)
            .OrderBy(b => b.SlotStart)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Select(View)];
    }

    /// <summary>One of the citizen's own bookings, whatever its status; null for another citizen's.</summary>
    public async Task<MediationBooking?> FindOwnAsync(MediationCitizen citizen, string bookingId, CancellationToken cancellationToken)
    {
        var record = await FindOwnRecordAsync(citizen, bookingId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : View(record);
    }

    public async Task<BookingResult> CancelAsync(MediationCitizen citizen, string bookingId, CancellationToken cancellationToken)
    {
        var record = await FindOwnRecordAsync(citizen, bookingId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new BookingResult(BookingOutcome.NotFound);
        }

        if (!IsChangeable(record))
        {
            return new BookingResult(BookingOutcome.NotChangeable, View(record));
        }

        record.Status = BookingStatus.Cancelled;
        record.CancelledAt = time.GetUtcNow();
        scheduler.Remove(record);
        record.ScheduledJobIds = string.Empty;
        await UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        await partyMessenger.SendAsync(OtherParty(record), string.Format(CultureInfo.CurrentCulture, Texts.MediationNoticeOtherCancelled, record.ApplicantName, Period(record.SlotStart, record.SlotEnd)), cancellationToken)
            .ConfigureAwait(false);
        return new BookingResult(BookingOutcome.Done, View(record));
    }

    public async Task<BookingResult> RescheduleAsync(MediationCitizen citizen, string bookingId, string slotId, CancellationToken cancellationToken)
    {
        var record = await FindOwnRecordAsync(citizen, bookingId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new BookingResult(BookingOutcome.NotFound);
        }

        if (!IsChangeable(record))
        {
            return new BookingResult(BookingOutcome.NotChangeable, View(record));
        }

        var (slot, problem) = await CheckSlotAsync(slotId, record.BodyId, record.DisputeType, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        record.MediatorId = slot!.MediatorId;
        record.SlotStart = slot.Start;
        record.SlotEnd = slot.End;
        record.RemindersSent = string.Empty;
        var invited = record.Status == BookingStatus.Invited;
        if (invited)
        {
            // The other party has not answered yet: their time to answer runs from now and for the new time, not the old one.
            record.InvitationExpiresAt = InvitationDeadline(time.GetUtcNow(), slot.Start);
        }

        try
        {
            await UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (IsSlotConflict(ex))
        {
            return new BookingResult(BookingOutcome.SlotTaken, null, await AlternativesAsync(slot.BodyId, record.DisputeType, slot.SlotId, cancellationToken).ConfigureAwait(false));
        }

        scheduler.Remove(record);
        record.ScheduledJobIds = scheduler.Schedule(record, time.GetUtcNow());
        await UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        if (invited)
        {
            record.InvitationSent = await InviteAsync(record, cancellationToken).ConfigureAwait(false);
            await UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        }
        else if (record.Status == BookingStatus.Confirmed)
        {
            var join = links.Join(record.Id, MediationParty.Other, record.SlotEnd);
            await partyMessenger.SendAsync(OtherParty(record), Markdown.WithAddresses(string.Format(CultureInfo.CurrentCulture, Texts.MediationNoticeOtherRescheduled, record.ApplicantName, Period(record.SlotStart, record.SlotEnd), join)), cancellationToken)
                .ConfigureAwait(false);
        }

        return new BookingResult(BookingOutcome.Done, View(record));
    }

    /// <summary>The other party's answer from the invitation page. Only an invitation still waiting and not expired can be answered.</summary>
    public async Task<MediationBookingRecord?> AnswerInvitationAsync(string bookingId, bool accept, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var record = await db.MediationBookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (record is null || record.Status != BookingStatus.Invited || now >= record.InvitationExpiresAt)
        {
            return null;
        }

        record.Status = accept ? BookingStatus.Confirmed : BookingStatus.Declined;
        record.AnsweredAt = now;
        if (!accept)
        {
            scheduler.Remove(record);
            record.ScheduledJobIds = string.Empty;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var text = accept
            ? string.Format(CultureInfo.CurrentCulture, Texts.MediationNoticeAccepted, record.Number, Period(record.SlotStart, record.SlotEnd), links.Join(record.Id, MediationParty.Applicant, record.SlotEnd))
            : string.Format(CultureInfo.CurrentCulture, Texts.MediationNoticeDeclined, record.Number) + Texts.MediationOtherWaysInline;
        await notifier.NotifyAsync(record.ChannelId, record.UserId, text, accept ? [] : OtherWayReplies, cancellationToken).ConfigureAwait(false);
        return record;
    }

    public async Task<MediationBookingRecord?> FindRecordAsync(string bookingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.MediationBookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken).ConfigureAwait(false);
    }

    public MediationBooking View(MediationBookingRecord r)
    {
        var body = catalog.FindBody(r.BodyId);
        var mediator = catalog.Mediators.TryGetValue(r.MediatorId, out var entry) ? entry.Mediator.Name : r.MediatorId;
        return new MediationBooking(
            r.Id, r.Number, r.Status, r.BodyId, body?.Name ?? r.BodyId, mediator, r.DisputeType, catalog.DisputeTypeName(r.DisputeType),
            r.SlotStart, r.SlotEnd,
            links.Join(r.Id, MediationParty.Applicant, r.SlotEnd),
            links.Calendar(r.Id, MediationParty.Applicant, r.SlotEnd),
            links.Qr(r.Id, MediationParty.Applicant, r.SlotEnd),
            links.Invitation(r.Id, r.InvitationExpiresAt),
            r.InvitationSent,
            r.InvitationExpiresAt);
    }

    public static PartyAddress OtherParty(MediationBookingRecord r) => new(r.OtherName, r.OtherPhone, r.OtherWeChatId);

    /// <summary>The replies offered when a mediation falls through: the other ways named in <c>MediationOtherWaysInline</c>.</summary>
    public static IReadOnlyList<string> OtherWayReplies => [Texts.MenuMediation, Texts.MenuLegalAid];

    public static string LocalTime(DateTimeOffset at) =>
        string.Format(CultureInfo.InvariantCulture, Texts.MediationDateTime, TimeZoneInfo.ConvertTime(at, MediationCalendar.China));

    public static string Period(DateTimeOffset start, DateTimeOffset end) =>
        string.Format(
            CultureInfo.InvariantCulture, Texts.MediationPeriod, TimeZoneInfo.ConvertTime(start, MediationCalendar.China), TimeZoneInfo.ConvertTime(end, MediationCalendar.China));

    private async Task<(MediationSlot? Slot, BookingResult? Problem)> CheckSlotAsync(string slotId, string? bodyId, string disputeType, CancellationToken cancellationToken)
    {
        var slot = calendar.Find(catalog, slotId);
        var valid = slot is not null
            && (bodyId is null || slot.BodyId == bodyId)
            && catalog.Mediators[slot.MediatorId].Mediator.Specialties.Contains(disputeType)
            && slot.Start >= time.GetUtcNow() + options.Value.MinimumLeadTime;
        if (valid)
        {
            return (slot, null);
        }

        var body = bodyId ?? slot?.BodyId;
        var alternatives = body is null ? [] : await AlternativesAsync(body, disputeType, slotId, cancellationToken).ConfigureAwait(false);
        return (null, new BookingResult(BookingOutcome.SlotInvalid, null, alternatives));
    }

    private Task<IReadOnlyList<MediationSlot>> AlternativesAsync(string bodyId, string disputeType, string except, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return FreeSlotsAsync(bodyId, disputeType, now, calendar.AddWorkingDays(now, options.Value.SearchDays), AlternativesOffered, except, cancellationToken);
    }

    private async Task<MediationBookingRecord?> FindOwnRecordAsync(MediationCitizen citizen, string bookingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.MediationBookings.AsNoTracking()
            .FirstOrDefaultAsync(b => (b.Id == bookingId || b.Number == bookingId) && b.ChannelId == citizen.ChannelId && b.UserId == citizen.UserId, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task UpdateAsync(MediationBookingRecord record, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.MediationBookings.Update(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool IsChangeable(MediationBookingRecord record) => BookingStatuses.Active.Contains(record.Status) && record.SlotEnd > time.GetUtcNow();

    private bool IsValid(BookingRequest r) =>
        catalog.DisputeTypes.Any(t => t.Code == r.DisputeType)
        && IsName(r.Applicant.Name) && IsName(r.OtherParty.Name)
        && r.Facts?.Trim() is { Length: > 0 and <= MaxFactsLength }
        && MediationContacts.FindMobile(r.Applicant.Phone) is not null
        && (MediationContacts.FindMobile(r.OtherParty.Phone) is not null || (string.IsNullOrWhiteSpace(r.OtherParty.Phone) && MediationContacts.IsWeChatId(r.OtherParty.WeChatId)));

    private static bool IsName(string? name) => name?.Trim() is { Length: > 0 and <= MaxNameLength };

    /// <summary>
    /// The partial unique index on (MediatorId, SlotStart) refused the row: someone else holds the slot. SQLite names
    /// the columns in its message; PostgreSQL answers 23505 (unique_violation) with the index name.
    /// </summary>
    private static bool IsSlotConflict(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.Message.Contains("SlotStart", StringComparison.Ordinal),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres => postgres.ConstraintName?.Contains("SlotStart", StringComparison.Ordinal) == true,
        _ => false,
    };

    /// <summary>"TJ20261130-4821": the local date and four random digits; the unique index catches the rare repeat.</summary>
    private static string NewNumber(DateTimeOffset now) =>
        "TJ" + TimeZoneInfo.ConvertTime(now, MediationCalendar.China).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-"
        + RandomNumberGenerator.GetInt32(100000).ToString("00000", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mediation booking {Number} made with mediator {Mediator}")]
    private static partial void LogBooked(ILogger logger, string number, string mediator);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mediation slot {Slot} already held; booking refused by the unique index")]
    private static partial void LogSlotTaken(ILogger logger, string slot);
}
