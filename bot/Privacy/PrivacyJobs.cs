using CitizenBot.Bot.Data;
using CitizenBot.Bot.Turns;
using CitizenBot.Dialogs.Privacy;
using CitizenBot.Dialogs.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Privacy;

/// <summary>
/// The background side of the citizen's data. Jobs take ids, never payloads, and are idempotent: running one
/// twice erases nothing more.
/// </summary>
internal sealed partial class PrivacyJobs(
    IDbContextFactory<CitizenBotDbContext> databases,
    IConversationStateStore states,
    IConversationReferenceStore references,
    PendingErasures pending,
    PersonalDataDesk desk,
    TimeProvider time,
    IOptions<PrivacyOptions> options,
    ILogger<PrivacyJobs> logger)
{
    public const string DailyCleanupJobId = "privacy-daily-cleanup";

    /// <summary>After "删除我的信息": the emptied state and the address of that conversation, unless the citizen has talked again since.</summary>
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Forget an erased conversation")]
    public async Task ForgetConversationAsync(string channelId, string userId, string conversationId, CancellationToken cancellationToken)
    {
        var key = PersonalDataDesk.StateKey(new DataSubject(channelId, userId, conversationId));
        var stored = await states.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored.Data is not null)
        {
            var state = ConversationState.Deserialize(stored.Data);
            if (state.Stack.Count > 0 || state.Values.Count > 0)
            {
                return;
            }

            await states.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }

        await references.DeleteAsync(channelId, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Once a day: citizens who left and did not come back are erased; finished tickets, supplements and past bookings
    /// older than the retention period lose the citizen's details (with their 催办, 撤回 and 重办 reasons and followers); erased tickets (supplements) the center has now
    /// accepted lose their words and place (contact and words); photos never made part of a ticket are deleted.
    /// </summary>
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Daily personal-data clean-up")]
    public async Task DailyCleanupAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var departed = await pending.DueAsync(now, cancellationToken).ConfigureAwait(false);
        foreach (var subject in departed)
        {
            await desk.EraseDepartedAsync(subject, cancellationToken).ConfigureAwait(false);
        }

        var retentionCutoff = now.AddDays(-settings.RetentionDays);
        int tickets;
        int supplements;
        int bookings;
        List<TicketPhotoRecord> photos;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var finished = TicketStatuses.Finished.ToList();
            var candidates = await db.Tickets
                .Where(t => (finished.Contains(t.Status) && t.UpdatedAt < retentionCutoff && t.ReporterUserId != string.Empty)
                    || (t.ReporterUserId == string.Empty && (t.ContactPhone != null || t.ContactName != null || t.Description != string.Empty || t.Address != null)))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var accepted = await PersonalDataDesk.AcceptedTicketIdsAsync(db, [.. candidates.Select(t => t.Id)], cancellationToken).ConfigureAwait(false);
            var done = candidates.Where(t => accepted.Contains(t.Id) || t.ReporterUserId != string.Empty).ToList();
            foreach (var ticket in done)
            {
                PersonalDataDesk.Anonymise(ticket, centerHasIt: accepted.Contains(ticket.Id));
            }

            tickets = done.Count;
            var added = await db.Supplements.Include(s => s.History)
                .Where(s => (s.CreatedAt < retentionCutoff && s.ReporterUserId != string.Empty)
                    || (s.ReporterUserId == string.Empty && (s.ContactPhone != null || s.ContactName != null || s.History!.Note != null)))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var sent = await PersonalDataDesk.AcceptedSupplementIdsAsync(db, [.. added.Select(s => s.Id)], cancellationToken).ConfigureAwait(false);
            var supplementsDone = added.Where(s => sent.Contains(s.Id) || s.ReporterUserId != string.Empty).ToList();
            foreach (var supplement in supplementsDone)
            {
                PersonalDataDesk.Anonymise(supplement, centerHasIt: sent.Contains(supplement.Id));
            }

            supplements = supplementsDone.Count;
            bookings = await PersonalDataDesk.AnonymiseBookingsAsync(
                db.MediationBookings.Where(b => b.UserId != string.Empty && b.SlotEnd < retentionCutoff), cancellationToken).ConfigureAwait(false);

            var photoCutoff = now - settings.UnsentPhotoRetention;
            var stale = await db.Photos.Where(p => p.TicketId == null && p.CreatedAt < photoCutoff).ToListAsync(cancellationToken).ConfigureAwait(false);
            photos = stale;
            db.Photos.RemoveRange(stale);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            // 催办, 撤回 and 重办 of tickets erased or past retention; 关注 of finished tickets past retention.
            await PersonalDataDesk.ForgetRequestsAsync(
                db, db.Tickets.Where(t => t.ReporterUserId == string.Empty || (finished.Contains(t.Status) && t.UpdatedAt < retentionCutoff)), cancellationToken)
                .ConfigureAwait(false);
            await db.Followers
                .Where(f => f.UserId != string.Empty && f.At < retentionCutoff && db.Tickets.Any(t => t.Id == f.TicketId && finished.Contains(t.Status)))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.UserId, string.Empty), cancellationToken).ConfigureAwait(false);
        }

        desk.DeletePhotoFiles(photos);
        LogCleanup(logger, departed.Count, tickets, supplements, bookings, photos.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Privacy clean-up: {Departed} departed citizens erased, {Tickets} tickets, {Supplements} supplements and {Bookings} bookings anonymised, {Photos} unsent photos deleted")]
    private static partial void LogCleanup(ILogger logger, int departed, int tickets, int supplements, int bookings, int photos);
}
