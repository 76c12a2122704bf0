using CitizenBot.Bot.Data;
using CitizenBot.Dialogs.Mediation;
using Hangfire;

namespace CitizenBot.Bot.Mediation;

/// <summary>
/// The Hangfire jobs of a booking: the invitation's expiry and the reminders 24 h and 1 h before, to both parties.
/// Jobs take ids, not payloads, and check the booking when they run, so a job left over from an old slot does nothing.
/// </summary>
internal sealed class MediationScheduler(IBackgroundJobClient jobs)
{
    public static readonly IReadOnlyList<(string Kind, TimeSpan Before)> Reminders = [("24h", TimeSpan.FromHours(24)), ("1h", TimeSpan.FromHours(1))];

    /// <returns>The ids of the jobs scheduled, space-separated (kept with the booking so a change can remove them).</returns>
    public string Schedule(MediationBookingRecord booking, DateTimeOffset now)
    {
        var ids = new List<string>();
        var id = booking.Id;
        if (booking.Status == BookingStatus.Invited)
        {
            var at = booking.InvitationExpiresAt;
            ids.Add(jobs.Schedule<MediationJobs>(j => j.ExpireInvitationAsync(id, CancellationToken.None), at > now ? at : now));
        }

        var slotStart = booking.SlotStart.ToUnixTimeSeconds();
        foreach (var (kind, before) in Reminders)
        {
            var at = booking.SlotStart - before;
            if (at > now && !booking.RemindersSent.Split(' ').Contains(kind))
            {
                ids.Add(jobs.Schedule<MediationJobs>(j => j.RemindAsync(id, kind, slotStart, CancellationToken.None), at));
            }
        }

        return string.Join(' ', ids);
    }

    public void Remove(MediationBookingRecord booking)
    {
        foreach (var jobId in booking.ScheduledJobIds.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            jobs.Delete(jobId);
        }
    }
}
