using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.Geo;
using CitizenBot.Bot.Ticketing.Photos;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Dialogs.GridWorker;
using CitizenBot.Dialogs.Report;
using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Dialogs.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Tickets;

/// <summary>The Report and Status flows' way into tickets, photos and grids (port <see cref="IReportDesk"/>).</summary>
internal sealed partial class ReportDesk(
    IDbContextFactory<CitizenBotDbContext> databases,
    Taxonomy taxonomy,
    GridMap grids,
    PhotoIntakeService photos,
    IGridWorkerRegistry gridWorkers,
    CenterDispatcher dispatcher,
    TicketNumbers numbers,
    GroupCommit submits,
    AnswerClock answerClock,
    PhotoUrlSigner photoUrls,
    SelfAddress self,
    IOptions<TicketingOptions> options,
    TimeProvider time,
    ILogger<ReportDesk> logger) : IReportDesk
{
    /// <summary>Open tickets near a report that are measured exactly; the nearest of them is the one offered.</summary>
    private const int DuplicateCandidates = 8;

    public IReadOnlyList<ReportCategory> Categories => taxonomy.Categories;

    public Task<PhotoIntake> AcceptPhotoAsync(Attachment attachment, Reporter reporter, CancellationToken cancellationToken) =>
        photos.AcceptAsync(attachment, reporter, cancellationToken);

    public Task<GridPlace?> LocateAsync(ReportLocation location, CancellationToken cancellationToken) =>
        Task.FromResult(location.HasCoordinates ? grids.Locate(location.Latitude!.Value, location.Longitude!.Value, location.Crs) : null);

    /// <summary>An open ticket near a report, as the duplicate check reads it.</summary>
    private sealed record NearbyTicket(string Id, double Latitude, double Longitude);

    // The duplicate check runs on a report's turn; compiled once, EF skips building and looking up its query each time.
    // Nearest first by the flat distance (exact enough inside the box): a busy spot may hold many open tickets, and
    // only a few of them, without history, leave the database. The finished statuses are constants of the SQL.
    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string, DateTimeOffset, double, double, double, double, double, double, double, IAsyncEnumerable<NearbyTicket>>> OpenTicketsNear = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string category, DateTimeOffset since, double latMin, double latMax, double lngMin, double lngMax, double lat, double lng, double lngScale) =>
            db.Tickets.AsNoTracking()
                .Where(t => t.CategoryCode == category && t.CreatedAt >= since
                    && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.PartiallyResolved
                    && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Withdrawn
                    && t.LatitudeWgs84 >= latMin && t.LatitudeWgs84 <= latMax
                    && t.LongitudeWgs84 >= lngMin && t.LongitudeWgs84 <= lngMax)
                .OrderBy(t => ((t.LatitudeWgs84!.Value - lat) * (t.LatitudeWgs84!.Value - lat))
                    + ((t.LongitudeWgs84!.Value - lng) * lngScale * (t.LongitudeWgs84!.Value - lng) * lngScale))
                .Select(t => new NearbyTicket(t.Id, t.LatitudeWgs84!.Value, t.LongitudeWgs84!.Value))
                .Take(DuplicateCandidates)));

    private static readonly CompiledPerModel<Func<CitizenBotDbContext, string, CancellationToken, Task<TicketRecord>>> TicketWithHistory = new(() =>
        EF.CompileAsyncQuery((CitizenBotDbContext db, string id, CancellationToken cancellationToken) =>
            db.Tickets.AsNoTracking().Include(t => t.History).Single(t => t.Id == id)));

    public async Task<TicketSummary?> FindPossibleDuplicateAsync(string categoryCode, ReportLocation location, CancellationToken cancellationToken)
    {
        if (!location.HasCoordinates)
        {
            return null;
        }

        var settings = options.Value;
        var (lat, lng) = GridMap.ToWgs84(location.Latitude!.Value, location.Longitude!.Value, location.Crs);
        // A coarse box first (1° latitude ≈ 111 km), the exact great-circle distance after.
        var boxLat = settings.DuplicateRadiusMeters / 111_000.0 * 1.5;
        var boxLng = boxLat / Math.Max(0.1, Math.Cos(lat * Math.PI / 180));
        var since = time.GetUtcNow() - settings.DuplicateWindow;
        var lngScale = Math.Cos(lat * Math.PI / 180);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var candidates = new List<NearbyTicket>(DuplicateCandidates);
        await foreach (var candidate in OpenTicketsNear.For(db)(db, categoryCode, since, lat - boxLat, lat + boxLat, lng - boxLng, lng + boxLng, lat, lng, lngScale)
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            candidates.Add(candidate);
        }

        var nearest = candidates
            .Select(c => (c.Id, Distance: ChinaDatum.DistanceMeters(lat, lng, c.Latitude, c.Longitude)))
            .Where(c => c.Distance <= settings.DuplicateRadiusMeters)
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        if (nearest.Id is null)
        {
            return null;
        }

        var ticket = await TicketWithHistory.For(db)(db, nearest.Id, cancellationToken).ConfigureAwait(false);
        return ToSummary(ticket, nearest.Distance);
    }

    public async Task<TicketReceipt> SubmitAsync(ReportSubmission submission, CancellationToken cancellationToken)
    {
        var category = taxonomy.Find(submission.CategoryCode);
        var place = await LocateAsync(submission.Location, cancellationToken).ConfigureAwait(false);
        var role = await ReporterRoleOfAsync(submission, cancellationToken).ConfigureAwait(false);
        var urgent = submission.Urgency == Urgency.Urgent || category.Urgent;
        var now = time.GetUtcNow();
        (double Latitude, double Longitude)? wgs = submission.Location.HasCoordinates
            ? GridMap.ToWgs84(submission.Location.Latitude!.Value, submission.Location.Longitude!.Value, submission.Location.Crs)
            : null;

        var id = SubmissionIdOf(submission, now);
        var ticket = new TicketRecord
        {
            Id = id,
            Number = await numbers.NextAsync(now, cancellationToken).ConfigureAwait(false),
            ChannelId = submission.Reporter.ChannelId,
            ReporterUserId = submission.Reporter.UserId,
            ReporterConversationId = submission.Reporter.ConversationId,
            ReporterRole = role,
            Anonymous = submission.Anonymous,
            ContactName = submission.Anonymous ? null : Cap(submission.ContactName, 50),
            ContactPhone = submission.Anonymous ? null : Cap(submission.ContactPhone, 30),
            Type = submission.Type ?? category.Type,
            CategoryCode = category.Code,
            CategoryName = category.Name,
            Urgency = urgent ? Urgency.Urgent : Urgency.Normal,
            Address = Cap(submission.Location.Address, 200),
            Latitude = submission.Location.Latitude,
            Longitude = submission.Location.Longitude,
            Crs = submission.Location.HasCoordinates ? submission.Location.Crs : null,
            LatitudeWgs84 = wgs?.Latitude,
            LongitudeWgs84 = wgs?.Longitude,
            GridId = place?.GridId,
            GridName = place?.GridName,
            Community = place?.Community,
            Street = place?.Street,
            Description = Cap(submission.Description, options.Value.MaxDescriptionLength) ?? "",
            Status = TicketStatus.Submitted,
            CreatedAt = now,
            UpdatedAt = now,
            DueAt = answerClock.DueAt(category.Code, urgent, now),
        };
        var history = new TicketHistoryRecord { TicketId = ticket.Id, Status = TicketStatus.Submitted, Actor = Actor.Citizen, At = now };
        var outbox = new OutboxRecord { Key = OutboxKey.Of(ticket.Id, OutboxKinds.Ticket), Urgent = urgent, CreatedAt = now };
        try
        {
            // The ticket, its history and its outbox row in one plain command (nothing to track: the submit only adds
            // rows); photos, when the report has any, are claimed in the same transaction. Embedded, the submits that
            // arrive together are committed together (GroupCommit).
            await submits.WriteAsync(async (db, ct) =>
            {
                await PlainInsert.InsertAsync(db, [ticket, history, outbox], ct).ConfigureAwait(false);
                if (submission.PhotoIds.Count > 0)
                {
                    await ClaimPhotosAsync(db, ticket.Id, submission, supplementId: null, ct).ConfigureAwait(false);
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (submission.SubmissionId is not null)
        {
            // Submitted before (a retried turn): the same ticket and number, nothing written. Its push was queued then,
            // or the outbox sweep queues it. Looked up only on a failed insert, so a first submit costs no extra read.
            var earlier = await FindSubmittedAsync(id, submission.Reporter, cancellationToken).ConfigureAwait(false);
            if (earlier is null)
            {
                throw;
            }

            LogResubmitted(logger, earlier.Number);
            return earlier;
        }

        LogSubmitted(logger, ticket.Number, ticket.CategoryCode, ReporterRoles.ToStored(ticket.ReporterRole), PersonalData.MaskUserId(ticket.ReporterUserId));
        // If the process dies before this line (or the job cannot be queued), the outbox sweep of any instance queues the
        // push, and a report never checked for its place is checked by the console's sweep. Queued off this turn:
        // Hangfire's client blocks a thread for a round trip to its storage. One job for the new tickets of a moment: the
        // pushes, then the place checks of those with a position.
        dispatcher.EnqueueNewTicket(ticket.Id, urgent, placed: wgs is not null);

        return new TicketReceipt(ticket.Id, ticket.Number, place, ticket.DueAt, ThumbnailUrl(submission.PhotoIds));
    }

    /// <summary>How long the receipt's photo link opens: the citizen looks at it now or in the next days, not for ever.</summary>
    private static readonly TimeSpan ReceiptPhotoLifetime = TimeSpan.FromDays(7);

    /// <summary>The first photo's thumbnail for the receipt card (a signed link that expires).</summary>
    private string? ThumbnailUrl(IReadOnlyList<string> photoIds)
    {
        if (photoIds.Count == 0)
        {
            return null;
        }

        try
        {
            return new Uri(self.BaseUri, photoUrls.CreatePath(photoIds[0], PhotoVariant.Thumbnail, ReceiptPhotoLifetime).TrimStart('/')).AbsoluteUri;
        }
        catch (InvalidOperationException)
        {
            // No public address known (a host without a listening socket and no Tickets:PublicBaseUrl): no picture.
            return null;
        }
    }

    public async Task<TicketReceipt> SupplementAsync(string ticketId, ReportSubmission submission, CancellationToken cancellationToken)
    {
        var role = await ReporterRoleOfAsync(submission, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var id = SubmissionIdOf(submission, now);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("No ticket with that id; offer a new report instead.");
        if (submission.SubmissionId is not null
            && await db.Supplements.AnyAsync(x => x.Id == id && x.TicketId == ticketId && x.ChannelId == submission.Reporter.ChannelId && x.ReporterUserId == submission.Reporter.UserId, cancellationToken).ConfigureAwait(false))
        {
            // Supplemented before (a retried turn): the same answer, nothing written twice.
            return ReceiptOf(ticket);
        }
        var history = new TicketHistoryRecord
        {
            TicketId = ticket.Id,
            Status = TicketStatus.Supplemented,
            Note = Cap(submission.Description, options.Value.MaxDescriptionLength),
            Actor = Actor.Citizen,
            At = now,
        };
        // Who added it and how to reach them, as they chose in the flow (contact or anonymous), like a report of their own.
        var supplement = new TicketSupplementRecord
        {
            Id = id,
            TicketId = ticket.Id,
            History = history,
            ChannelId = submission.Reporter.ChannelId,
            ReporterUserId = submission.Reporter.UserId,
            ReporterRole = role,
            Anonymous = submission.Anonymous,
            ContactName = submission.Anonymous ? null : Cap(submission.ContactName, 50),
            ContactPhone = submission.Anonymous ? null : Cap(submission.ContactPhone, 30),
            CreatedAt = now,
        };
        db.History.Add(history);
        db.Supplements.Add(supplement);
        ticket.UpdatedAt = now;
        await ClaimPhotosAsync(db, ticket.Id, submission, supplement.Id, cancellationToken).ConfigureAwait(false);
        // The center hears of it like of everything else: an outbox row in the same transaction (pushed after the ticket).
        var urgent = ticket.Urgency == Urgency.Urgent;
        db.Outbox.Add(new OutboxRecord { Key = new OutboxKey(ticket.Id, OutboxKinds.Supplement, supplement.Id), Urgent = urgent, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        LogSupplemented(logger, ticket.Number, ReporterRoles.ToStored(supplement.ReporterRole), PersonalData.MaskUserId(supplement.ReporterUserId));
        // If the process dies before this line (or the job cannot be queued), the outbox sweep of any instance queues it.
        dispatcher.EnqueueSupplementPush(ticket.Id, supplement.Id, urgent);
        return ReceiptOf(ticket);
    }

    public async Task<IReadOnlyList<TicketSummary>> ListMineAsync(Reporter reporter, int take, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.ChannelId == reporter.ChannelId && t.ReporterUserId == reporter.UserId)
            .OrderByDescending(t => t.CreatedAt)
            .Take(Math.Clamp(take, 1, 50))
            .Include(t => t.History)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return tickets.Select(t => ToSummary(t, null)).ToList();
    }

    /// <summary>The flow's own id when it gave a well-formed one (it is a primary key and the center's idempotency key).</summary>
    private static string SubmissionIdOf(ReportSubmission submission, DateTimeOffset now) =>
        submission.SubmissionId is { Length: 32 } id && id.All(char.IsAsciiHexDigitLower) ? id : Guid.CreateVersion7(now).ToString("N");

    /// <summary>The ticket written earlier under this submission id, only when the same citizen wrote it.</summary>
    private async Task<TicketReceipt?> FindSubmittedAsync(string id, Reporter reporter, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await db.Tickets.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Id == id && t.ChannelId == reporter.ChannelId && t.ReporterUserId == reporter.UserId, cancellationToken)
            .ConfigureAwait(false);
        return ticket is null ? null : ReceiptOf(ticket);
    }

    private static TicketReceipt ReceiptOf(TicketRecord ticket) => new(
        ticket.Id,
        ticket.Number,
        ticket.GridId is null ? null : new GridPlace(ticket.GridId, ticket.GridName ?? "", ticket.Community ?? "", ticket.Street ?? ""),
        ticket.DueAt);

    /// <summary>Only photos the same user uploaded and no ticket owns yet; at most the configured count.</summary>
    /// <param name="supplementId">Set when a supplement brings them to an existing ticket.</param>
    private async Task ClaimPhotosAsync(CitizenBotDbContext db, string ticketId, ReportSubmission submission, string? supplementId, CancellationToken cancellationToken)
    {
        var ids = submission.PhotoIds.Distinct(StringComparer.Ordinal).Take(options.Value.MaxPhotos).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var owned = await db.Photos
            .Where(p => ids.Contains(p.Id) && p.TicketId == null
                && p.ChannelId == submission.Reporter.ChannelId && p.UserId == submission.Reporter.UserId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var photo in owned)
        {
            photo.TicketId = ticketId;
            photo.SupplementId = supplementId;
        }
    }

    private static TicketSummary ToSummary(TicketRecord ticket, double? distance) => new(
        ticket.Id,
        ticket.Number,
        ticket.CategoryName,
        ticket.Status,
        ticket.CreatedAt,
        ticket.Address,
        distance,
        ticket.History.OrderBy(h => h.At).ThenBy(h => h.Id)
            // A supplement's note is another citizen's own words: the owner sees that it came, not what it says.
            .Select(h => new TicketEvent(h.At, h.Status, h.Status == TicketStatus.Supplemented ? null : h.Note))
            .ToList(),
        ticket.DueAt);

    /// <summary>
    /// A grid worker when the flow says so or the registry knows the reporter; the registry is asked only when the flow
    /// did not read it already (the Report flow reads it once when it starts and keeps it in its state).
    /// </summary>
    private async Task<ReporterRole> ReporterRoleOfAsync(ReportSubmission submission, CancellationToken cancellationToken)
    {
        if (submission.Reporter.Role == ReporterRole.GridWorker)
        {
            return ReporterRole.GridWorker;
        }

        if (submission.RoleFromRegistry)
        {
            return ReporterRole.Resident;
        }

        var worker = await gridWorkers.FindAsync(submission.Reporter.ChannelId, submission.Reporter.UserId, cancellationToken).ConfigureAwait(false);
        return worker is null ? ReporterRole.Resident : ReporterRole.GridWorker;
    }

    private static string? Cap(string? value, int length)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length <= length)
        {
            return trimmed;
        }

        // Never cut a surrogate pair (emoji, rare CJK) in half.
        return trimmed[..(char.IsHighSurrogate(trimmed[length - 1]) ? length - 1 : length)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Number} submitted: category {Category}, role {Role}, user {User}")]
    private static partial void LogSubmitted(ILogger logger, string number, string category, string role, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Number} submitted again by a retried turn; the first one is returned")]
    private static partial void LogResubmitted(ILogger logger, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Number} supplemented: role {Role}, user {User}")]
    private static partial void LogSupplemented(ILogger logger, string number, string role, string user);
}
