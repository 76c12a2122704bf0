using System.Globalization;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Dialogs.Mediation;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Resources;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Mediation;

/// <summary>The background work of bookings. At least once: each job re-reads the booking and does nothing twice.</summary>
internal sealed class MediationJobs(
    IDbContextFactory<CitizenBotDbContext> databases,
    MediationLinks links,
    IPartyMessenger partyMessenger,
    ICitizenNotifier notifier,
    TimeProvider time)
{
    /// <summary>The other party did not answer in time: the booking lapses and the applicant is offered other ways.</summary>
    public async Task ExpireInvitationAsync(string bookingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var booking = await db.MediationBookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken).ConfigureAwait(false);
        if (booking is null || booking.Status != BookingStatus.Invited || time.GetUtcNow() < booking.InvitationExpiresAt)
        {
            return;
        }

        booking.Status = BookingStatus.Expired;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await notifier.NotifyAsync(booking.ChannelId, booking.UserId, string.Format(CultureInfo.CurrentCulture, Texts.MediationNoticeExpired, booking.Number) + Texts.MediationOtherWaysInline, MediationDesk.OtherWayReplies, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="slotStartUnixSeconds">The slot the reminder was scheduled for: after a reschedule an old job finds it moved and stays quiet.</param>
    public async Task RemindAsync(string bookingId, string kind, long slotStartUnixSeconds, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var booking = await db.MediationBookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken).ConfigureAwait(false);
        var sent = booking?.RemindersSent.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (booking is null || booking.Status != BookingStatus.Confirmed || booking.SlotStart.ToUnixTimeSeconds() != slotStartUnixSeconds
            || sent.Contains(kind) || time.GetUtcNow() >= booking.SlotEnd)
        {
            return;
        }

        // Marked first: a reminder is better missed once after a crash than sent twice.
        booking.RemindersSent = string.Join(' ', sent.Append(kind));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var lead = kind == "24h" ? Texts.MediationLead24h : Texts.MediationLead1h;
        var period = MediationDesk.Period(booking.SlotStart, booking.SlotEnd);
        await notifier.NotifyAsync(
            booking.ChannelId, booking.UserId, string.Format(CultureInfo.CurrentCulture, Texts.MediationNoticeReminder, booking.Number, lead, period, links.Join(booking.Id, MediationParty.Applicant, booking.SlotEnd)), [], cancellationToken)
            .ConfigureAwait(false);
        await partyMessenger.SendAsync(
            MediationDesk.OtherParty(booking), Markdown.WithAddresses(string.Format(CultureInfo.CurrentCulture, Texts.MediationNoticeReminder, booking.Number, lead, period, links.Join(booking.Id, MediationParty.Other, booking.SlotEnd))), cancellationToken)
            .ConfigureAwait(false);
    }
}
