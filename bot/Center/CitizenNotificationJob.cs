using System.Globalization;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Tickets;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Status;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Center;

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
        var message = StatusCard(ticket, callback).ToReply().ToActivity();
        // The button starts the rating of this very ticket, whatever the citizen is doing at the time.
        if (callback.Status == TicketStatuses.Resolved)
        {
            message.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(RateCommand.For(ticket.Number))] };
        }

        var delivered = await notifier.NotifyAsync(ticket.ChannelId, ticket.ReporterUserId, message, cancellationToken).ConfigureAwait(false);
        if (!delivered)
        {
            // The history still shows it under 进度查询; a later template-message channel can pick these up.
            LogUnreachable(logger, ticket.Number, PersonalData.MaskUserId(ticket.ReporterUserId));
        }

        await MarkHandledAsync(db, callback, cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkHandledAsync(CitizenBotDbContext db, CenterCallbackRecord callback, CancellationToken cancellationToken)
    {
        callback.NotifiedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The update as a card: what happened as its title, the ticket, the note, the steps so far up to this one.</summary>
    private static TicketTimelineView StatusCard(TicketRecord ticket, CenterCallbackRecord callback)
    {
        var facts = new List<Fact>
        {
            new(Texts.CardTicketNumber, ticket.Number),
            new(Texts.CardCategory, ticket.CategoryName),
            new(Texts.CardStatus, TicketStatuses.Display(callback.Status)),
        };
        if (callback.Unit is { Length: > 0 } unit)
        {
            facts.Add(new Fact(Texts.CardUnit, unit));
        }

        var steps = ticket.History
            .Where(h => h.At <= callback.At)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new TicketEvent(h.At, TicketStatuses.Display(h.Status), h.Status == TicketStatuses.Supplemented ? null : h.Note))
            .ToList();
        var (head, lines) = StatusMessage(ticket.Number, callback.Status, callback.Unit, callback.Note);
        return new TicketTimelineView(head, facts, steps, string.Join("\n", [head, .. lines])) { Lines = lines };
    }

    /// <summary>What happened (one sentence), then the center's note and, once resolved, the request to rate.</summary>
    private static (string Head, IReadOnlyList<string> Lines) StatusMessage(string number, string status, string? unit, string? note)
    {
        var head = status switch
        {
            TicketStatuses.Accepted => Format(Texts.CenterNoticeAccepted, number),
            TicketStatuses.Dispatched => unit is null ? Format(Texts.CenterNoticeDispatched, number) : Format(Texts.CenterNoticeDispatchedTo, number, unit),
            TicketStatuses.InProgress => unit is null ? Format(Texts.CenterNoticeInProgress, number) : Format(Texts.CenterNoticeInProgressBy, number, unit),
            TicketStatuses.Resolved => Format(Texts.CenterNoticeResolved, number),
            TicketStatuses.Returned => Format(Texts.CenterNoticeReturned, number),
            TicketStatuses.Closed => Format(Texts.CenterNoticeClosed, number),
            _ => Format(Texts.CenterNoticeOther, number),
        };
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(note))
        {
            lines.Add(Format(Texts.CenterNoticeNote, note));
        }

        if (status == TicketStatuses.Resolved)
        {
            lines.Add(Format(Texts.CenterNoticeAskRating, RateCommand.For(number)));
        }

        return (head, lines);
    }

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    [LoggerMessage(Level = LogLevel.Information, Message = "Center callback {Status} of ticket {TicketId} arrived after a newer status was told; kept in the history, not pushed")]
    private static partial void LogSuperseded(ILogger logger, string status, string ticketId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the reporter {User} of ticket {Number}; status kept for 进度查询")]
    private static partial void LogUnreachable(ILogger logger, string number, string user);
}
