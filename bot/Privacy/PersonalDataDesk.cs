using System.Globalization;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.Photos;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Privacy;
using CitizenBot.Dialogs.Privacy;
using CitizenBot.Dialogs.Resources;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Privacy;

/// <summary>
/// "我的信息" and "删除我的信息" over the bot's stores (port <see cref="IPersonalDataDesk"/>). Erasing removes the
/// grid-worker record, photos not yet part of a ticket and the conversation address, and anonymises tickets, supplements,
/// bookings, 催办, 撤回 and 重办 requests and 关注: the link to the citizen goes at once; a ticket's contact, words and
/// exact place (a supplement's contact and words, a request's reason) go as soon as the center has its own copy (the
/// daily clean-up finishes what a pending push still needed).
/// </summary>
internal sealed partial class PersonalDataDesk(
    IDbContextFactory<CitizenBotDbContext> databases,
    IConversationStateStore states,
    IConversationReferenceStore references,
    PendingErasures pending,
    PhotoFolder photoFolder,
    IEnumerable<IChannelConversationEraser> channelErasers,
    IBackgroundJobClient jobs,
    TimeProvider time,
    IOptions<PrivacyOptions> options,
    ILogger<PersonalDataDesk> logger) : IPersonalDataDesk
{
    /// <summary>How many ticket numbers "我的信息" lists.</summary>
    private const int MaxListed = 20;

    /// <summary>After "删除我的信息" the turn still saves an (emptied) state and the address it answered on; they go after this.</summary>
    internal static readonly TimeSpan ForgetConversationDelay = TimeSpan.FromMinutes(2);

    public async Task<PersonalDataSummary> DescribeAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.ChannelId == subject.ChannelId && t.ReporterUserId == subject.UserId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new { t.Number, WithContact = !t.Anonymous && t.ContactPhone != null })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var bookings = await db.MediationBookings.AsNoTracking()
            .Where(b => b.ChannelId == subject.ChannelId && b.UserId == subject.UserId)
            .OrderByDescending(b => b.CreatedAt)
            .Select(b => b.Number)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var worker = await db.GridWorkers.AsNoTracking()
            .SingleOrDefaultAsync(w => w.ChannelId == subject.ChannelId && w.UserId == subject.UserId, cancellationToken).ConfigureAwait(false);
        var unsentPhotos = await db.Photos.AsNoTracking()
            .CountAsync(p => p.ChannelId == subject.ChannelId && p.UserId == subject.UserId && p.TicketId == null, cancellationToken).ConfigureAwait(false);
        var address = await references.FindAsync(subject.ChannelId, subject.UserId, cancellationToken).ConfigureAwait(false);
        return new PersonalDataSummary(
            Available: true,
            [.. tickets.Take(MaxListed).Select(t => t.Number)],
            tickets.Count(t => t.WithContact),
            [.. bookings.Take(MaxListed)],
            worker is null ? null : string.Format(CultureInfo.CurrentCulture, Texts.MyDataGridWorkerLine, worker.Name, PersonalData.MaskPhone(worker.Mobile)),
            unsentPhotos,
            KeepsAddress: address is not null,
            options.Value.RetentionDays);
    }

    public async Task<PersonalDataErasure> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var erasure = await EraseStoredAsync(subject, cancellationToken).ConfigureAwait(false);
        await EraseChannelAsync(subject, cancellationToken).ConfigureAwait(false);
        // This turn saves the emptied state and its address after the dialogs; both go once it is over.
        jobs.Schedule<PrivacyJobs>(j => j.ForgetConversationAsync(subject.ChannelId, subject.UserId, subject.ConversationId, CancellationToken.None), ForgetConversationDelay);
        return erasure;
    }

    public async Task EraseAfterGracePeriodAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        await pending.AddAsync(subject, time.GetUtcNow() + options.Value.UnsubscribeGracePeriod, cancellationToken).ConfigureAwait(false);
        LogErasureScheduled(logger, subject.ChannelId, PersonalData.MaskUserId(subject.UserId), options.Value.UnsubscribeGracePeriod);
    }

    public Task CancelPendingErasureAsync(DataSubject subject, CancellationToken cancellationToken) => pending.RemoveAsync(subject, cancellationToken);

    /// <summary>Erases a citizen who left and did not come back: the stores, then their conversation state and address.</summary>
    internal async Task EraseDepartedAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        await EraseStoredAsync(subject, cancellationToken).ConfigureAwait(false);
        await EraseChannelAsync(subject, cancellationToken).ConfigureAwait(false);
        await states.DeleteAsync(StateKey(subject), cancellationToken).ConfigureAwait(false);
        await references.DeleteAsync(subject.ChannelId, subject.UserId, cancellationToken).ConfigureAwait(false);
        await pending.RemoveAsync(subject, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the channel itself keeps of the conversation: the Direct Line log, uploads and tokens.</summary>
    private async Task EraseChannelAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject.ConversationId.Length == 0)
        {
            return;
        }

        foreach (var eraser in channelErasers.Where(e => string.Equals(e.ChannelId, subject.ChannelId, StringComparison.Ordinal)))
        {
            await eraser.EraseAsync(subject.ConversationId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The key under which the turn pipeline keeps this subject's conversation state.</summary>
    internal static string StateKey(DataSubject subject) => ConversationStateKey.Of(subject.ChannelId, subject.ConversationId);

    private async Task<PersonalDataErasure> EraseStoredAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject.ChannelId.Length == 0 || subject.UserId.Length == 0)
        {
            // Never match the anonymised rows (empty user id) of everybody else.
            return new PersonalDataErasure(true, 0, 0, 0, false);
        }

        List<TicketPhotoRecord> photos;
        int tickets;
        int supplements;
        int bookings;
        bool workerDeleted;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var owned = await db.Tickets
                .Where(t => t.ChannelId == subject.ChannelId && t.ReporterUserId == subject.UserId)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var accepted = await AcceptedTicketIdsAsync(db, [.. owned.Select(t => t.Id)], cancellationToken).ConfigureAwait(false);
            foreach (var ticket in owned)
            {
                Anonymise(ticket, centerHasIt: accepted.Contains(ticket.Id));
            }

            tickets = owned.Count;
            var ownedIds = owned.Select(t => t.Id).ToList();
            await ForgetRequestsAsync(db, db.Tickets.Where(t => ownedIds.Contains(t.Id)), cancellationToken).ConfigureAwait(false);
            // What they follow: nothing reaches them any more; the center's count stays.
            await db.Followers.Where(f => f.ChannelId == subject.ChannelId && f.UserId == subject.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.UserId, string.Empty), cancellationToken).ConfigureAwait(false);
            var added = await db.Supplements.Include(s => s.History)
                .Where(s => s.ChannelId == subject.ChannelId && s.ReporterUserId == subject.UserId)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var sent = await AcceptedSupplementIdsAsync(db, [.. added.Select(s => s.Id)], cancellationToken).ConfigureAwait(false);
            foreach (var supplement in added)
            {
                Anonymise(supplement, centerHasIt: sent.Contains(supplement.Id));
            }

            supplements = added.Count;
            bookings = await AnonymiseBookingsAsync(
                db.MediationBookings.Where(b => b.ChannelId == subject.ChannelId && b.UserId == subject.UserId), cancellationToken).ConfigureAwait(false);

            var unsent = await db.Photos
                .Where(p => p.ChannelId == subject.ChannelId && p.UserId == subject.UserId && p.TicketId == null)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            photos = unsent;
            db.Photos.RemoveRange(unsent);
            await db.Photos
                .Where(p => p.ChannelId == subject.ChannelId && p.UserId == subject.UserId && p.TicketId != null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.UserId, string.Empty), cancellationToken).ConfigureAwait(false);

            var worker = await db.GridWorkers
                .SingleOrDefaultAsync(w => w.ChannelId == subject.ChannelId && w.UserId == subject.UserId, cancellationToken).ConfigureAwait(false);
            workerDeleted = worker is not null;
            if (worker is not null)
            {
                await db.GridWorkerPoints.Where(p => p.WorkerId == worker.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                db.GridWorkers.Remove(worker);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        DeletePhotoFiles(photos);
        await references.DeleteAsync(subject.ChannelId, subject.UserId, cancellationToken).ConfigureAwait(false);
        LogErased(logger, subject.ChannelId, PersonalData.MaskUserId(subject.UserId), tickets, supplements, bookings, photos.Count, workerDeleted);
        return new PersonalDataErasure(true, tickets, bookings, photos.Count, workerDeleted);
    }

    /// <summary>
    /// What the citizen asked of these tickets after filing them: who urged (催办) goes at once; the words of a 撤回 or
    /// 重办 go once the center has them (a 撤回 made before the center had the ticket was never sent: at once).
    /// </summary>
    internal static async Task ForgetRequestsAsync(CitizenBotDbContext db, IQueryable<TicketRecord> tickets, CancellationToken cancellationToken)
    {
        var ids = tickets.Select(t => t.Id);
        await db.Reminders.Where(r => ids.Contains(r.TicketId) && r.UserId != string.Empty)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UserId, string.Empty).SetProperty(r => r.ChannelId, string.Empty), cancellationToken).ConfigureAwait(false);
        var withdrawalsSent = db.Outbox.Where(o => o.Key.Kind == OutboxKinds.Withdrawal && o.AcceptedAt != null).Select(o => o.Key.TicketId);
        await db.Withdrawals.Where(w => ids.Contains(w.TicketId) && w.Reason != null && (w.Local || withdrawalsSent.Contains(w.TicketId)))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Reason, (string?)null), cancellationToken).ConfigureAwait(false);
        var reopensSent = db.Outbox.Where(o => o.Key.Kind == OutboxKinds.Reopen && o.AcceptedAt != null).Select(o => o.Key.TicketId);
        await db.Reopens.Where(r => ids.Contains(r.TicketId) && r.Reason != null && reopensSent.Contains(r.TicketId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reason, (string?)null), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Blanks who the parties of these bookings are and what the dispute was; the slot and body stay.</summary>
    internal static Task<int> AnonymiseBookingsAsync(IQueryable<MediationBookingRecord> bookings, CancellationToken cancellationToken) =>
        bookings.ExecuteUpdateAsync(
            s => s.SetProperty(b => b.UserId, string.Empty)
                .SetProperty(b => b.ConversationId, string.Empty)
                .SetProperty(b => b.ApplicantName, string.Empty)
                .SetProperty(b => b.ApplicantPhone, string.Empty)
                .SetProperty(b => b.Facts, string.Empty)
                .SetProperty(b => b.OtherName, string.Empty)
                .SetProperty(b => b.OtherPhone, (string?)null)
                .SetProperty(b => b.OtherWeChatId, (string?)null),
            cancellationToken);

    /// <summary>
    /// The link to the citizen goes at once. Contact, words and exact place go too once the center has its copy; until
    /// then the push still needs them, and the daily clean-up removes them after acceptance (see <see cref="PrivacyJobs"/>).
    /// </summary>
    internal static void Anonymise(TicketRecord ticket, bool centerHasIt)
    {
        ticket.ReporterUserId = string.Empty;
        ticket.ReporterConversationId = string.Empty;
        if (!centerHasIt)
        {
            return;
        }

        ticket.Anonymous = true;
        ticket.ContactName = null;
        ticket.ContactPhone = null;
        ticket.Description = string.Empty;
        ticket.Address = null;
        ticket.Latitude = null;
        ticket.Longitude = null;
        ticket.LatitudeWgs84 = null;
        ticket.LongitudeWgs84 = null;
    }

    /// <summary>A supplement to someone else's ticket, like a ticket: the link goes at once, contact and words once the center has them.</summary>
    internal static void Anonymise(TicketSupplementRecord supplement, bool centerHasIt)
    {
        supplement.ReporterUserId = string.Empty;
        if (!centerHasIt)
        {
            return;
        }

        supplement.Anonymous = true;
        supplement.ContactName = null;
        supplement.ContactPhone = null;
        if (supplement.History is { } history)
        {
            history.Note = null;
        }
    }

    internal static async Task<HashSet<string>> AcceptedSupplementIdsAsync(CitizenBotDbContext db, List<string> supplementIds, CancellationToken cancellationToken) =>
    [
        .. await db.Outbox.AsNoTracking()
            .Where(o => o.Key.Kind == OutboxKinds.Supplement && supplementIds.Contains(o.Key.SubjectId) && o.AcceptedAt != null)
            .Select(o => o.Key.SubjectId)
            .ToListAsync(cancellationToken).ConfigureAwait(false),
    ];

    internal static async Task<HashSet<string>> AcceptedTicketIdsAsync(CitizenBotDbContext db, List<string> ticketIds, CancellationToken cancellationToken) =>
    [
        .. await db.Outbox.AsNoTracking()
            .Where(o => ticketIds.Contains(o.Key.TicketId) && o.Key.Kind == OutboxKinds.Ticket && o.AcceptedAt != null)
            .Select(o => o.Key.TicketId)
            .ToListAsync(cancellationToken).ConfigureAwait(false),
    ];

    internal void DeletePhotoFiles(IEnumerable<TicketPhotoRecord> photos)
    {
        foreach (var path in photos.SelectMany(p => new[] { photoFolder.PathOf(p, PhotoVariant.Full), photoFolder.PathOf(p, PhotoVariant.Thumbnail) }))
        {
            if (path is not null)
            {
                File.Delete(path);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data erased on {Channel} for {User}: {Tickets} tickets, {Supplements} supplements and {Bookings} bookings anonymised, {Photos} unsent photos deleted, grid worker deleted {GridWorker}")]
    private static partial void LogErased(ILogger logger, string channel, string user, int tickets, int supplements, int bookings, int photos, bool gridWorker);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unsubscribe on {Channel} by {User}: data erased after {GracePeriod} unless they come back")]
    private static partial void LogErasureScheduled(ILogger logger, string channel, string user, TimeSpan gracePeriod);
}
