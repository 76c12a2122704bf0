using System.Globalization;
using CitizenBot.Bot.Data;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Status;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// Tells the citizen about one center callback, once (takes the callback's id; skips it when already done), and in the
/// order of the ticket's statuses: each callback is its own job, and jobs run side by side, so 派单 could otherwise
/// arrive after 办结 — and Web Chat shows option buttons only on the latest message, hiding the rating button.
/// A callback that arrives after a newer one of its ticket was already told (the center's deliveries overtook each
/// other) is superseded: it stays in the history (进度查询) but is not pushed, so the citizen's latest message is
/// always the newest status.
/// </summary>
internal sealed partial class CitizenNotificationJob(
    IDbContextFactory<CitizenBotDbContext> databases,
    ICitizenNotifier notifier,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<CitizenNotificationJob> logger)
{
    /// <summary>How long a notification waits for an earlier one of its ticket before it is sent anyway.</summary>
    private static readonly TimeSpan MaxWaitForEarlier = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RetryForEarlier = TimeSpan.FromSeconds(1);

    public async Task NotifyAsync(long callbackId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var callback = await db.CenterCallbacks.SingleOrDefaultAsync(c => c.Id == callbackId, cancellationToken).ConfigureAwait(false);
        if (callback is null || callback.NotifiedAt is not null)
        {
            return;
        }

        var earlierPending = await db.CenterCallbacks.AsNoTracking()
            .AnyAsync(c => c.TicketId == callback.TicketId && c.NotifiedAt == null && c.Id != callback.Id
                && (c.At < callback.At || (c.At == callback.At && c.Id < callback.Id)), cancellationToken)
            .ConfigureAwait(false);
        if (earlierPending && time.GetUtcNow() - callback.ReceivedAt < MaxWaitForEarlier)
        {
            jobs.Schedule<CitizenNotificationJob>(job => job.NotifyAsync(callbackId, CancellationToken.None), RetryForEarlier);
            return;
        }

        var newerTold = await db.CenterCallbacks.AsNoTracking()
            .AnyAsync(c => c.TicketId == callback.TicketId && c.NotifiedAt != null && c.Id != callback.Id
                && (c.At > callback.At || (c.At == callback.At && c.Id > callback.Id)), cancellationToken)
            .ConfigureAwait(false);
        if (newerTold)
        {
            LogSuperseded(logger, callback.Status, callback.TicketId);
            await MarkHandledAsync(db, callback, cancellationToken).ConfigureAwait(false);
            return;
        }

        var ticket = await db.Tickets.AsNoTracking().Include(t => t.History).SingleAsync(t => t.Id == callback.TicketId, cancellationToken).ConfigureAwait(false);
        // After a 办结 the rating is asked (again after a 重办's 办结), and 重办 offered while the ticket was never reopened.
        // The center's code was checked when the callback was taken in (CenterCallbackProcessor).
        var status = TicketStatuses.ToTyped(callback.Status);
        var answered = status is TicketStatus.Resolved or TicketStatus.PartiallyResolved;
        var reopenable = answered && !await db.Reopens.AnyAsync(r => r.TicketId == ticket.Id, cancellationToken).ConfigureAwait(false);
        if (ticket.ReporterUserId.Length > 0)
        {
            var message = StatusCard(ticket, callback, status, answered, reopenable);
            // The buttons start the rating (or 重办) of this very ticket, whatever the citizen is doing at the time.
            IReadOnlyList<string> choices = (answered, reopenable) switch
            {
                (true, true) => [RateCommand.For(ticket.Number), TicketCommand.For(TicketAction.Reopen, ticket.Number)],
                (true, false) => [RateCommand.For(ticket.Number)],
                _ => [],
            };
            if (choices.Count > 0)
            {
                message.SuggestedActions = new SuggestedActions { Actions = [.. choices.Select(c => CardAction.ImBack(c))] };
            }

            var delivered = await notifier.NotifyAsync(ticket.ChannelId, ticket.ReporterUserId, message, cancellationToken).ConfigureAwait(false);
            if (!delivered)
            {
                // The history still shows it under 进度查询; a later template-message channel can pick these up.
                LogUnreachable(logger, ticket.Number, PersonalData.MaskUserId(ticket.ReporterUserId));
            }
        }

        await NotifyFollowersAsync(db, ticket, callback, status, cancellationToken).ConfigureAwait(false);
        await MarkHandledAsync(db, callback, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Citizens who 关注 the ticket hear its statuses too: the number, the status and the center's words, nothing of
    /// the reporter's, and no rating or 重办 (those are the reporter's).
    /// </summary>
    private async Task NotifyFollowersAsync(CitizenBotDbContext db, TicketRecord ticket, CenterCallbackRecord callback, TicketStatus status, CancellationToken cancellationToken)
    {
        var followers = await db.Followers.AsNoTracking()
            .Where(f => f.TicketId == ticket.Id && f.UserId != string.Empty)
            .Select(f => new { f.ChannelId, f.UserId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (followers.Count == 0)
        {
            return;
        }

        var (head, lines) = StatusMessage(ticket.Number, status, callback.Unit, callback.Note);
        var text = string.Join("\n", [Texts.CenterNoticeFollower, head, .. lines]);
        foreach (var follower in followers)
        {
            if (!await notifier.NotifyAsync(follower.ChannelId, follower.UserId, text, [], cancellationToken).ConfigureAwait(false))
            {
                LogUnreachable(logger, ticket.Number, PersonalData.MaskUserId(follower.UserId));
            }
        }
    }

    private async Task MarkHandledAsync(CitizenBotDbContext db, CenterCallbackRecord callback, CancellationToken cancellationToken)
    {
        callback.NotifiedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The update as a card: what happened as its title, the ticket (with its answer time while open), the note, the
    /// steps so far up to this one; once answered, the request to rate and, while it may be, the offer of 重办.
    /// </summary>
    private static Activity StatusCard(TicketRecord ticket, CenterCallbackRecord callback, TicketStatus status, bool answered, bool reopenable)
    {
        var facts = new List<Fact>
        {
            new(Texts.CardTicketNumber, ticket.Number),
            new(Texts.CardCategory, ticket.CategoryName),
            new(Texts.CardStatus, status.Display()),
        };
        if (callback.Unit is { Length: > 0 } unit)
        {
            facts.Add(new Fact(Texts.CardUnit, unit));
        }

        // While the ticket is in hand, the answer time the citizen was told stays in sight.
        if (ticket.DueAt is { } due && !TicketStatuses.Finished.Contains(status))
        {
            facts.Add(new Fact(Texts.CardDue, TicketDisplay.DueLine(due)));
        }

        var steps = ticket.History
            .Where(h => h.At <= callback.At)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new TicketEvent(h.At, h.Status, h.Status == TicketStatus.Supplemented ? null : h.Note))
            .ToList();
        var (head, notes) = StatusMessage(ticket.Number, status, callback.Unit, callback.Note);
        var lines = notes.ToList();
        if (answered)
        {
            lines.Add(Format(Texts.CenterNoticeAskRating, RateCommand.For(ticket.Number)));
        }

        if (reopenable)
        {
            lines.Add(Format(Texts.CenterNoticeOfferReopen, TicketCommand.For(TicketAction.Reopen, ticket.Number)));
        }

        return TicketUpdateCard.Create(head, facts, steps, lines);
    }

    /// <summary>What happened (one sentence), then the center's note.</summary>
    private static (string Head, IReadOnlyList<string> Lines) StatusMessage(string number, TicketStatus status, string? unit, string? note)
    {
        var head = status switch
        {
            TicketStatus.Accepted => Format(Texts.CenterNoticeAccepted, number),
            TicketStatus.Dispatched => unit is null ? Format(Texts.CenterNoticeDispatched, number) : Format(Texts.CenterNoticeDispatchedTo, number, unit),
            TicketStatus.InProgress => unit is null ? Format(Texts.CenterNoticeInProgress, number) : Format(Texts.CenterNoticeInProgressBy, number, unit),
            TicketStatus.Resolved => Format(Texts.CenterNoticeResolved, number),
            TicketStatus.PartiallyResolved => Format(Texts.CenterNoticePartiallyResolved, number),
            TicketStatus.Returned => Format(Texts.CenterNoticeReturned, number),
            TicketStatus.Closed => Format(Texts.CenterNoticeClosed, number),
            TicketStatus.Reopened => Format(Texts.CenterNoticeReopened, number),
            TicketStatus.Withdrawn => Format(Texts.CenterNoticeWithdrawn, number),
            _ => Format(Texts.CenterNoticeOther, number),
        };
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(note))
        {
            lines.Add(Format(Texts.CenterNoticeNote, note));
        }

        return (head, lines);
    }

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    [LoggerMessage(Level = LogLevel.Information, Message = "Center callback {Status} of ticket {TicketId} arrived after a newer status was told; kept in the history, not pushed")]
    private static partial void LogSuperseded(ILogger logger, string status, string ticketId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the reporter {User} of ticket {Number}; status kept for 进度查询")]
    private static partial void LogUnreachable(ILogger logger, string number, string user);
}
