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

        // Only if still unanswered: an acceptance since the read stands, and of two runs of this job one tells the applicant.
        var invited = BookingStatus.Invited;
        if (await db.MediationBookings.Where(b => b.Id == bookingId && b.Status == invited)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Expired), cancellationToken).ConfigureAwait(false) == 0)
        {
            return;
        }

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

        // Marked first: a reminder is better missed once after a crash than sent twice. The mark is taken only if no
        // other run of this reminder marked it since the read (jobs of one booking rebuilt by several instances' starts
        // run at the same moment on different workers): the one whose update finds the list unchanged sends.
        var before = booking.RemindersSent;
        var marked = string.Join(' ', sent.Append(kind));
        if (await db.MediationBookings.Where(b => b.Id == bookingId && b.RemindersSent == before)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.RemindersSent, marked), cancellationToken).ConfigureAwait(false) == 0)
        {
            return;
        }

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
