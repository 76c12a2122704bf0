using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.Photos;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Bot.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// Pushes one outbox row to the center. Takes ids, never payloads: the body is rebuilt from the database each time,
/// so a retry after hours still sends the ticket as it is. Runs at least once (Hangfire); pushing twice is harmless
/// because the center deduplicates by <c>Idempotency-Key</c>, and a claim on the row keeps two workers from racing.
/// </summary>
internal sealed partial class CenterPushJob(
    IDbContextFactory<CitizenBotDbContext> databases,
    GroupCommit commits,
    CenterClient client,
    CenterDispatcher dispatcher,
    SelfAddress self,
    PhotoUrlSigner photoUrls,
    IServiceProvider services,
    IOptions<CenterOptions> options,
    IOptions<PhotoOptions> photoOptions,
    RetryJitter jitter,
    TimeProvider time,
    ILogger<CenterPushJob> logger)
{
    // Retries and parking are our own (outbox + scheduled job); Hangfire's automatic retry would hide them.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Push {1} of ticket {0} to the center")]
    public Task PushAsync(string ticketId, string kind, CancellationToken cancellationToken) =>
        PushRowAsync(OutboxKey.Of(ticketId, kind), cancellationToken);

    /// <summary>A supplement of a ticket; its own job so jobs queued for the ticket and its rating keep their shape.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Push supplement {1} of ticket {0} to the center")]
    public Task PushSupplementAsync(string ticketId, string supplementId, CancellationToken cancellationToken) =>
        PushRowAsync(new OutboxKey(ticketId, OutboxKinds.Supplement, supplementId), cancellationToken);

    /// <summary>催办, 撤回, 重办, 关注, or a rating after a 重办 (<paramref name="subjectId"/> "2"); its own job, like supplements.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Push {1} {2} of ticket {0} to the center")]
    public Task PushFollowUpAsync(string ticketId, string kind, string subjectId, CancellationToken cancellationToken) =>
        PushRowAsync(new OutboxKey(ticketId, kind, subjectId), cancellationToken);

    /// <summary>A hotspot or a daily digest (bot/Insight); <paramref name="subjectId"/> is the hotspot id or the day.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Push {1} {2} to the center")]
    public Task PushInsightAsync(string ticketId, string kind, string subjectId, CancellationToken cancellationToken) =>
        PushRowAsync(new OutboxKey(ticketId, kind, subjectId), cancellationToken);

    private async Task PushRowAsync(OutboxKey key, CancellationToken cancellationToken)
    {
        var (ticketId, kind, subjectId) = key;
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await MustYieldToUrgentAsync(db, key, now, cancellationToken).ConfigureAwait(false))
        {
            dispatcher.ScheduleRetry(key, urgent: false, UrgentYieldDelay);
            return;
        }

        if (OutboxKinds.WaitsForTicket(kind) && !await TicketAcceptedAsync(db, key, now, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // The claim is committed before the push, together with the other ticket writes waiting then (GroupCommit).
        var claimed = 0;
        var claimUntil = now + options.Value.PushClaimLifetime;
        await commits.WriteAsync(async (w, ct) => claimed = await ClaimAsync(w, key, now, claimUntil, ct).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            await LookAgainWhenClaimLapsesAsync(db, key, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        var row = await db.Outbox.SingleAsync(OutboxRecord.Is(key), cancellationToken).ConfigureAwait(false);
        // A digest is about no ticket; every other row is.
        var ticket = kind == OutboxKinds.Digest ? null : await db.Tickets.SingleAsync(t => t.Id == ticketId, cancellationToken).ConfigureAwait(false);
        var label = ticket?.Number ?? subjectId;
        var result = kind switch
        {
            OutboxKinds.Feedback => await PushFeedbackAsync(db, ticket!, subjectId, cancellationToken).ConfigureAwait(false),
            OutboxKinds.Reminder => await PostReminderAsync(db, ticket!, subjectId, cancellationToken).ConfigureAwait(false),
            OutboxKinds.Withdrawal => await PostWithdrawalAsync(db, ticket!, cancellationToken).ConfigureAwait(false),
            OutboxKinds.Reopen => await PostReopenAsync(db, ticket!, cancellationToken).ConfigureAwait(false),
            OutboxKinds.Follower => await PostFollowerAsync(db, ticket!, subjectId, cancellationToken).ConfigureAwait(false),
            OutboxKinds.Supplement => await PostSupplementAsync(db, ticket!, subjectId, cancellationToken).ConfigureAwait(false),
            OutboxKinds.Hotspot => await client.PostAsync("hotspots", subjectId, await Insight().HotspotAsync(subjectId, cancellationToken).ConfigureAwait(false), CenterJson.Default.CenterHotspot, cancellationToken).ConfigureAwait(false),
            OutboxKinds.Digest => await client.PostAsync("digests", "digest-" + subjectId, await Insight().DigestAsync(subjectId, cancellationToken).ConfigureAwait(false), CenterJson.Default.CenterDigest, cancellationToken).ConfigureAwait(false),
            _ => await PostTicketAsync(ticket!, await ReportPhotos.For(db)(db, [ticket!.Id]).ToListAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
        };

        var settled = Settle(row, ticket, label, result);
        await SaveAsync(db, cancellationToken).ConfigureAwait(false);
        Report(settled);
        if (result.Outcome == PushOutcome.Accepted && kind == OutboxKinds.Ticket)
        {
            await ReleaseWaitingAsync(db, [ticketId], cancellationToken).ConfigureAwait(false);
        }
        else if (result.Outcome == PushOutcome.Rejected)
        {
            throw CenterRejectedException.For([settled]);
        }
    }

    /// <summary>
    /// The first push of tickets just submitted (<see cref="NewTicketsJob"/>), together: one look for urgent rows to yield
    /// to, one transaction claiming them all, one read of their rows, tickets and photos, their POSTs at once, one save
    /// of the outcomes. Each ticket is still pushed, retried and parked on its own, as <see cref="PushAsync"/> would; a
    /// ticket another worker holds is left to it. A failure of the whole (the database away) leaves the claimed rows
    /// to lapse and to the outbox sweep.
    /// </summary>
    public async Task PushNewTicketsAsync(IReadOnlyCollection<string> ticketIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketIds);
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var waiting = await NewTicketsToPush.For(db)(db, [.. ticketIds.Distinct(StringComparer.Ordinal)])
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // Normal rows step aside for urgent ones as in a single push; new tickets share one attempt count, so one look.
        var toClaim = new List<OutboxKey>(waiting.Count);
        var urgentAhead = new Dictionary<int, bool>();
        foreach (var row in waiting)
        {
            if (!row.Urgent)
            {
                if (!urgentAhead.TryGetValue(row.Attempts, out var ahead))
                {
                    urgentAhead[row.Attempts] = ahead = await UrgentAheadAsync(db, row.Attempts, now, cancellationToken).ConfigureAwait(false);
                }

                if (ahead)
                {
                    dispatcher.ScheduleRetry(row.Key, urgent: false, UrgentYieldDelay);
                    continue;
                }
            }

            toClaim.Add(row.Key);
        }

        var claimed = new List<OutboxKey>(toClaim.Count);
        var claimUntil = now + options.Value.PushClaimLifetime;
        await commits.WriteAsync(async (w, ct) =>
        {
            claimed.Clear();
            foreach (var key in toClaim)
            {
                if (await ClaimAsync(w, key, now, claimUntil, ct).ConfigureAwait(false) > 0)
                {
                    claimed.Add(key);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        foreach (var key in toClaim.Except(claimed))
        {
            await LookAgainWhenClaimLapsesAsync(db, key, now, cancellationToken).ConfigureAwait(false);
        }

        if (claimed.Count == 0)
        {
            return;
        }

        string[] ids = [.. claimed.Select(k => k.TicketId)];
        var rows = await TicketRows.For(db)(db, ids).ToListAsync(cancellationToken).ConfigureAwait(false);
        var tickets = (await Tickets.For(db)(db, ids).ToListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var photos = (await ReportPhotos.For(db)(db, ids).ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(p => p.TicketId, StringComparer.Ordinal);
        var results = await Task.WhenAll(rows.Select(row =>
        {
            var ticket = tickets[row.Key.TicketId];
            return PostTicketAsync(ticket, photos[ticket.Id], cancellationToken);
        })).ConfigureAwait(false);

        var settled = rows.Select((row, i) => Settle(row, tickets[row.Key.TicketId], tickets[row.Key.TicketId].Number, results[i])).ToList();
        await SaveAsync(db, cancellationToken).ConfigureAwait(false);
        settled.ForEach(Report);
        string[] accepted = [.. settled.Where(s => s.Result.Outcome == PushOutcome.Accepted).Select(s => s.Row.Key.TicketId)];
        if (accepted.Length > 0)
        {
            await ReleaseWaitingAsync(db, accepted, cancellationToken).ConfigureAwait(false);
        }

        List<Settled> refused = [.. settled.Where(s => s.Result.Outcome == PushOutcome.Rejected)];
        if (refused.Count > 0)
        {
            throw CenterRejectedException.For(refused);
        }
    }

    private sealed record NewTicketRow(OutboxKey Key, bool Urgent, int Attempts);

    // The new tickets' push runs these for every batch; compiled once, EF skips building and looking up the queries
    // each time. The ticket rows are the outbox rows of the tickets themselves (not ratings or supplements).
    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string[], IAsyncEnumerable<NewTicketRow>>> NewTicketsToPush = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string[] ticketIds) =>
            db.Outbox.AsNoTracking()
                .Where(o => o.Key.Kind == OutboxKinds.Ticket && o.Key.SubjectId == string.Empty && ticketIds.Contains(o.Key.TicketId)
                    && o.AcceptedAt == null && o.FailedAt == null)
                .Select(o => new NewTicketRow(o.Key, o.Urgent, o.Attempts))));

    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string[], IAsyncEnumerable<OutboxRecord>>> TicketRows = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string[] ticketIds) =>
            db.Outbox.Where(o => o.Key.Kind == OutboxKinds.Ticket && o.Key.SubjectId == string.Empty && ticketIds.Contains(o.Key.TicketId))));

    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string[], IAsyncEnumerable<TicketRecord>>> Tickets = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string[] ticketIds) => db.Tickets.Where(t => ticketIds.Contains(t.Id))));

    /// <summary>The photos of the reports themselves (not of supplements).</summary>
    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string[], IAsyncEnumerable<TicketPhotoRecord>>> ReportPhotos = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string[] ticketIds) =>
            db.Photos.AsNoTracking().Where(p => ticketIds.Contains(p.TicketId) && p.SupplementId == null)));

    /// <summary>Takes the row for this worker if it is still to push and no live worker holds it: 1 if taken, else 0.</summary>
    /// <remarks>Plain SQL (times in Unix milliseconds, as <see cref="CitizenBotDbContext"/> stores them): every push claims
    /// its rows, and EF's translation of an update costs more than the update.</remarks>
    private static Task<int> ClaimAsync(CitizenBotDbContext db, OutboxKey key, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        var (until, at) = (claimUntil.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds());
        return db.Database.ExecuteSqlAsync($"""
            UPDATE ticket_outbox SET "LockedUntil" = {until}, "Attempts" = "Attempts" + 1
            WHERE "TicketId" = {key.TicketId} AND "Kind" = {key.Kind} AND "SubjectId" = {key.SubjectId}
                AND "AcceptedAt" IS NULL AND "FailedAt" IS NULL AND ("LockedUntil" IS NULL OR "LockedUntil" < {at})
            """, cancellationToken);
    }

    /// <summary>A row not claimed: accepted or parked, nothing to do; held by a worker that may have died, look again when its claim lapses.</summary>
    private async Task LookAgainWhenClaimLapsesAsync(CitizenBotDbContext db, OutboxKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = await db.Outbox.AsNoTracking()
            .Where(OutboxRecord.Is(key))
            .SingleOrDefaultAsync(o => o.AcceptedAt == null && o.FailedAt == null, cancellationToken)
            .ConfigureAwait(false);
        if (pending?.LockedUntil is { } lockedUntil)
        {
            dispatcher.ScheduleRetry(key, pending.Urgent, lockedUntil - now + TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>A push's outcome, set on its row (and an accepted ticket's center id) for the save that follows.</summary>
    private Settled Settle(OutboxRecord row, TicketRecord? ticket, string label, PushResult result)
    {
        var at = time.GetUtcNow();
        var retryIn = TimeSpan.Zero;
        row.LockedUntil = null;
        row.LastError = result.Reason;
        switch (result.Outcome)
        {
            case PushOutcome.Accepted:
                row.AcceptedAt = at;
                if (row.Key.Kind == OutboxKinds.Ticket)
                {
                    ticket!.CenterId = result.CenterId ?? ticket.CenterId;
                }

                break;
            case PushOutcome.Retry:
                retryIn = RetryDelay(row.Attempts);
                row.DueAt = at + retryIn + OutboxRecord.PushGrace;
                break;
            default:
                row.FailedAt = at;
                break;
        }

        return new Settled(row, label, result, retryIn);
    }

    /// <summary>Once the outcome is saved: its log line, and a retry's job.</summary>
    private void Report(Settled settled)
    {
        var (row, label, result, retryIn) = settled;
        switch (result.Outcome)
        {
            case PushOutcome.Accepted:
                LogAccepted(logger, row.Key.Kind, label, row.Attempts);
                break;
            case PushOutcome.Retry:
                LogRetry(logger, row.Key.Kind, label, row.Attempts, result.Reason ?? "", retryIn);
                dispatcher.ScheduleRetry(row.Key, row.Urgent, retryIn);
                break;
            default:
                LogParked(logger, row.Key.Kind, label, result.Reason ?? "");
                break;
        }
    }

    internal readonly record struct Settled(OutboxRecord Row, string Label, PushResult Result, TimeSpan RetryIn);

    /// <summary>The push's outcome, committed together with the other ticket writes waiting then (<see cref="GroupCommit"/>).</summary>
    private Task SaveAsync(CitizenBotDbContext db, CancellationToken cancellationToken) =>
        commits.SaveChangesAsync(db, cancellationToken);

    /// <summary>
    /// The center can only attach a supplement to a work order it has: until it accepted the ticket, the supplement
    /// waits. The wait counts as an attempt and backs off like a failed push, so an urgent supplement waiting for its
    /// urgent ticket holds normal pushes back no longer than that ticket does (<see cref="MustYieldToUrgentAsync"/>).
    /// When the ticket is accepted its supplements are queued at once (<see cref="ReleaseWaitingAsync"/>); the
    /// scheduled look is the fallback. A supplement of a ticket the center refused for good is parked with it.
    /// </summary>
    private async Task<bool> TicketAcceptedAsync(CitizenBotDbContext db, OutboxKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (ticketId, kind, subjectId) = key;
        var ticketRow = await db.Outbox.AsNoTracking()
            .Where(OutboxRecord.Is(OutboxKey.Of(ticketId, OutboxKinds.Ticket)))
            .Select(o => new { o.AcceptedAt, o.FailedAt })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (ticketRow?.AcceptedAt is not null)
        {
            return true;
        }

        var waiting = db.Outbox.Where(OutboxRecord.Is(key))
            .Where(o => o.AcceptedAt == null && o.FailedAt == null && (o.LockedUntil == null || o.LockedUntil < now));
        var number = await db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Number).SingleAsync(cancellationToken).ConfigureAwait(false);
        if (ticketRow is null || ticketRow.FailedAt is not null)
        {
            var reason = "its ticket was refused by the center";
            if (await waiting.ExecuteUpdateAsync(s => s.SetProperty(o => o.FailedAt, now).SetProperty(o => o.LastError, reason), cancellationToken).ConfigureAwait(false) > 0)
            {
                LogParked(logger, kind, number, reason);
                throw new CenterRejectedException($"The {kind} {subjectId} of ticket {number} was not sent: {reason}. Once the ticket is accepted, clear FailedAt on its ticket_outbox row and restart.");
            }

            return false;
        }

        // Nothing when another worker holds or finished the row meanwhile: it carries on from there.
        var waits = "waiting until the center has accepted the ticket";
        if (await waiting.ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.LastError, waits), cancellationToken).ConfigureAwait(false) > 0)
        {
            var row = await db.Outbox.SingleAsync(OutboxRecord.Is(key), cancellationToken).ConfigureAwait(false);
            var delay = RetryDelay(row.Attempts);
            row.DueAt = now + delay + OutboxRecord.PushGrace;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogWaitsForTicket(logger, kind, number, delay);
            dispatcher.ScheduleRetry(key, row.Urgent, delay);
        }

        return false;
    }

    /// <summary>The center has the tickets now: their waiting supplements (催办, 撤回, 关注) go at once rather than at their next look.</summary>
    private async Task ReleaseWaitingAsync(CitizenBotDbContext db, string[] ticketIds, CancellationToken cancellationToken)
    {
        await foreach (var row in WaitingForTickets.For(db)(db, ticketIds, WaitingKinds).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            dispatcher.EnqueuePending(row.Key, row.Urgent);
        }
    }

    private static readonly string[] WaitingKinds = [OutboxKinds.Supplement, OutboxKinds.Reminder, OutboxKinds.Withdrawal, OutboxKinds.Reopen, OutboxKinds.Follower];

    private sealed record WaitingRow(OutboxKey Key, bool Urgent);

    // Every accepted push asks these two; compiled once, EF skips building and looking up the queries each time.
    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string[], string[], IAsyncEnumerable<WaitingRow>>> WaitingForTickets = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string[] ticketIds, string[] kinds) =>
            db.Outbox.AsNoTracking()
                .Where(o => ticketIds.Contains(o.Key.TicketId) && kinds.Contains(o.Key.Kind) && o.AcceptedAt == null && o.FailedAt == null)
                .OrderBy(o => o.Id)
                .Select(o => new WaitingRow(o.Key, o.Urgent))));

    // The urgent flag is a parameter: EF turns a bare `o.Urgent` into `WHERE "Urgent"`, which no index can seek.
    private static readonly CompiledPerModel<Func<CitizenBotDbContext, bool, int, DateTimeOffset, CancellationToken, Task<bool>>> UrgentPending = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, bool urgent, int attempts, DateTimeOffset now, CancellationToken cancellationToken) =>
            db.Outbox.AsNoTracking().Any(o => o.Urgent == urgent && o.AcceptedAt == null && o.FailedAt == null
                && (o.Attempts <= attempts || o.LockedUntil > now))));

    /// <summary>Resolved only for hotspot and digest rows, which exist only where the console (bot/Insight) is composed.</summary>
    private ICenterReportBodies Insight() => services.GetRequiredService<ICenterReportBodies>();

    /// <summary>How long a normal push steps aside for a pending urgent one before it looks again.</summary>
    private static readonly TimeSpan UrgentYieldDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Urgent tickets (emergencies) reach the center before older normal ones waiting in the outbox: a normal
    /// push waits while an urgent row is being pushed (claimed) or has had no more attempts than it has. Once an urgent
    /// push has tried and is backing off (the center is down), normal pushes go on, so nothing waits forever behind it.
    /// </summary>
    private static async Task<bool> MustYieldToUrgentAsync(CitizenBotDbContext db, OutboxKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.Outbox.AsNoTracking()
            .Where(OutboxRecord.Is(key))
            .Select(o => new { o.Urgent, o.Attempts })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is { Urgent: false } && await UrgentAheadAsync(db, row.Attempts, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a normal row with <paramref name="attempts"/> must step aside for an urgent one (<see cref="MustYieldToUrgentAsync"/>).</summary>
    private static Task<bool> UrgentAheadAsync(CitizenBotDbContext db, int attempts, DateTimeOffset now, CancellationToken cancellationToken) =>
        UrgentPending.For(db)(db, true, attempts, now, cancellationToken);

    private TimeSpan RetryDelay(int attempts) =>
        RetryBackoff.Delay(attempts, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay) * jitter.Factor();

    /// <summary>The reports' own photos; those a supplement brought go with the supplement.</summary>
    private Task<PushResult> PostTicketAsync(TicketRecord ticket, IEnumerable<TicketPhotoRecord> photos, CancellationToken cancellationToken)
    {
        var body = new CenterTicket(
            ticket.Id,
            ticket.Number,
            ticket.Type,
            new CenterCategory(ticket.CategoryCode, ticket.CategoryName),
            Urgencies.ToStored(ticket.Urgency),
            ticket.Description,
            new CenterLocation(ticket.Latitude, ticket.Longitude, ticket.Crs, ticket.Address, ticket.GridId),
            SignedPhotos(photos),
            new CenterReporter(ticket.Anonymous, ReporterRoles.ToStored(ticket.ReporterRole), ticket.Anonymous ? null : ticket.ContactName, ticket.Anonymous ? null : ticket.ContactPhone),
            ticket.ChannelId,
            ticket.CreatedAt,
            ticket.DueAt);
        return client.PostAsync("tickets", ticket.Id, body, CenterJson.Default.CenterTicket, cancellationToken);
    }

    /// <summary>Signed, expiring links to the re-encoded images, in a stable order.</summary>
    private List<CenterPhoto> SignedPhotos(IEnumerable<TicketPhotoRecord> photos)
    {
        var root = self.BaseUri;
        var lifetime = photoOptions.Value.UrlLifetime;
        return photos
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new CenterPhoto(new Uri(root, photoUrls.CreatePath(p.Id, PhotoVariant.Full, lifetime)).ToString(), p.Sha256, p.Width, p.Height))
            .ToList();
    }

    private async Task<PushResult> PostSupplementAsync(CitizenBotDbContext db, TicketRecord ticket, string supplementId, CancellationToken cancellationToken)
    {
        var supplement = await db.Supplements.AsNoTracking()
            .Include(s => s.History)
            .Include(s => s.Photos)
            .SingleAsync(s => s.Id == supplementId && s.TicketId == ticket.Id, cancellationToken).ConfigureAwait(false);
        var body = new CenterSupplement(
            ticket.Id,
            supplement.Id,
            string.IsNullOrEmpty(supplement.History?.Note) ? null : supplement.History.Note,
            SignedPhotos(supplement.Photos),
            new CenterReporter(supplement.Anonymous, ReporterRoles.ToStored(supplement.ReporterRole), supplement.Anonymous ? null : supplement.ContactName, supplement.Anonymous ? null : supplement.ContactPhone),
            supplement.ChannelId,
            supplement.CreatedAt);
        return await client.PostAsync($"tickets/{Uri.EscapeDataString(ticket.Id)}/supplements", supplement.Id, body, CenterJson.Default.CenterSupplement, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <param name="subjectId">Empty for the first 办结's rating (key "{id}:feedback", as before 重办 existed), "2" after a 重办.</param>
    private async Task<PushResult> PushFeedbackAsync(CitizenBotDbContext db, TicketRecord ticket, string subjectId, CancellationToken cancellationToken)
    {
        var round = subjectId.Length == 0 ? 1 : int.Parse(subjectId, System.Globalization.CultureInfo.InvariantCulture);
        var feedback = await db.Feedback.AsNoTracking().SingleAsync(f => f.TicketId == ticket.Id && f.Round == round, cancellationToken).ConfigureAwait(false);
        var body = new CenterFeedback(ticket.Id, feedback.Satisfaction, feedback.Resolved, feedback.Comment, feedback.At, round);
        var key = round == 1 ? ticket.Id + ":feedback" : $"{ticket.Id}:feedback:{round}";
        return await client.PostAsync($"tickets/{Uri.EscapeDataString(ticket.Id)}/feedback", key, body, CenterJson.Default.CenterFeedback, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<PushResult> PostReminderAsync(CitizenBotDbContext db, TicketRecord ticket, string reminderId, CancellationToken cancellationToken)
    {
        var reminder = await db.Reminders.AsNoTracking().SingleAsync(r => r.Id == reminderId && r.TicketId == ticket.Id, cancellationToken).ConfigureAwait(false);
        var count = await db.Reminders.CountAsync(r => r.TicketId == ticket.Id && r.At <= reminder.At, cancellationToken).ConfigureAwait(false);
        var body = new CenterReminder(ticket.Id, reminder.Id, count, ticket.DueAt, reminder.At);
        return await client.PostAsync($"tickets/{Uri.EscapeDataString(ticket.Id)}/reminders", reminder.Id, body, CenterJson.Default.CenterReminder, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<PushResult> PostWithdrawalAsync(CitizenBotDbContext db, TicketRecord ticket, CancellationToken cancellationToken)
    {
        var withdrawal = await db.Withdrawals.AsNoTracking().SingleAsync(w => w.TicketId == ticket.Id, cancellationToken).ConfigureAwait(false);
        var body = new CenterWithdrawal(ticket.Id, string.IsNullOrEmpty(withdrawal.Reason) ? null : withdrawal.Reason, withdrawal.At);
        return await client.PostAsync($"tickets/{Uri.EscapeDataString(ticket.Id)}/withdrawal", ticket.Id + ":withdrawal", body, CenterJson.Default.CenterWithdrawal, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<PushResult> PostReopenAsync(CitizenBotDbContext db, TicketRecord ticket, CancellationToken cancellationToken)
    {
        var reopen = await db.Reopens.AsNoTracking().SingleAsync(r => r.TicketId == ticket.Id, cancellationToken).ConfigureAwait(false);
        var photos = reopen.PhotoId is null
            ? []
            : await db.Photos.AsNoTracking().Where(p => p.Id == reopen.PhotoId && p.TicketId == ticket.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var body = new CenterReopen(ticket.Id, string.IsNullOrEmpty(reopen.Reason) ? null : reopen.Reason, SignedPhotos(photos), ticket.DueAt, reopen.At);
        return await client.PostAsync($"tickets/{Uri.EscapeDataString(ticket.Id)}/reopen", ticket.Id + ":reopen", body, CenterJson.Default.CenterReopen, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<PushResult> PostFollowerAsync(CitizenBotDbContext db, TicketRecord ticket, string followerId, CancellationToken cancellationToken)
    {
        var follower = await db.Followers.AsNoTracking().SingleAsync(f => f.Id == followerId && f.TicketId == ticket.Id, cancellationToken).ConfigureAwait(false);
        var count = await db.Followers.CountAsync(f => f.TicketId == ticket.Id && f.At <= follower.At, cancellationToken).ConfigureAwait(false);
        var body = new CenterFollower(ticket.Id, follower.Id, count, follower.At);
        return await client.PostAsync($"tickets/{Uri.EscapeDataString(ticket.Id)}/followers", follower.Id, body, CenterJson.Default.CenterFollower, cancellationToken)
            .ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Center accepted {Kind} of ticket {Number} (attempt {Attempts})")]
    private static partial void LogAccepted(ILogger logger, string kind, string number, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push of {Kind} of ticket {Number} failed (attempt {Attempts}: {Reason}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string kind, string number, int attempts, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Kind} of ticket {Number} waits until the center has the ticket; looking again in {Delay}")]
    private static partial void LogWaitsForTicket(ILogger logger, string kind, string number, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Center refused {Kind} of ticket {Number} for good: {Reason}; parked as failed")]
    private static partial void LogParked(ILogger logger, string kind, string number, string reason);
}

/// <summary>
/// The center answered a 4xx that retrying cannot fix; the outbox rows are parked. Thrown after they are saved, so the
/// job fails and shows, with the reasons, on the dashboard's Failed page for an operator.
/// </summary>
internal sealed class CenterRejectedException(string message) : Exception(message)
{
    internal static CenterRejectedException For(IReadOnlyList<CenterPushJob.Settled> refused) => new(
        "The center refused " + string.Join("; ", refused.Select(r => $"{r.Row.Key.Kind} of {r.Label}: {r.Result.Reason}"))
        + ". Fix the cause, then clear FailedAt on the ticket_outbox " + (refused.Count == 1 ? "row" : "rows") + " and restart, or requeue here.");
}
