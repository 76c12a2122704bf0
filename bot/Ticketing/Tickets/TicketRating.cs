using System.Globalization;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Status;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Dialogs.Identity;
using Microsoft.EntityFrameworkCore;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Ticketing.Tickets;

/// <summary>Records a citizen's rating and queues it for <c>POST /tickets/{id}/feedback</c> through the outbox.</summary>
internal sealed class TicketRating(IDbContextFactory<CitizenBotDbContext> databases, CenterDispatcher dispatcher, TimeProvider time) : ITicketRating
{
    public async Task<RatingOutcome> RateAsync(Reporter reporter, string ticketId, Satisfaction satisfaction, bool resolved, string? comment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await db.Tickets
            .SingleOrDefaultAsync(t => t.Id == ticketId && t.ChannelId == reporter.ChannelId && t.ReporterUserId == reporter.UserId, cancellationToken)
            .ConfigureAwait(false);
        if (ticket is null)
        {
            return RatingOutcome.NotFound;
        }

        // One rating per 办结: the first, and the one after a 重办 (round 2), asked again when the center answers again.
        var reopenedAt = await db.Reopens.Where(r => r.TicketId == ticketId).Select(r => (DateTimeOffset?)r.At).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var round = reopenedAt is null ? 1 : 2;
        var since = reopenedAt ?? DateTimeOffset.MinValue;
        var answered = TicketStatuses.Answered.ToList();
        var finished = await db.History.AnyAsync(
            h => h.TicketId == ticketId && h.Actor == Actor.Center && answered.Contains(h.Status) && h.At >= since,
            cancellationToken).ConfigureAwait(false);
        if (!finished)
        {
            return RatingOutcome.NotYetResolved;
        }

        if (await db.Feedback.AnyAsync(f => f.TicketId == ticketId && f.Round == round, cancellationToken).ConfigureAwait(false))
        {
            return RatingOutcome.AlreadyRated;
        }

        var code = satisfaction switch
        {
            Satisfaction.Satisfied => "satisfied",
            Satisfaction.BasicallySatisfied => "basically_satisfied",
            _ => "dissatisfied",
        };
        var note = comment is { Length: > 500 } ? comment[..500] : comment;
        db.Feedback.Add(new TicketFeedbackRecord { TicketId = ticketId, Round = round, Satisfaction = code, Resolved = resolved, Comment = note, At = now });
        db.History.Add(new TicketHistoryRecord
        {
            TicketId = ticketId,
            Status = TicketStatus.Rated,
            Note = string.Format(CultureInfo.CurrentCulture, resolved ? Texts.RatingNoteResolved : Texts.RatingNoteUnresolved, Display(satisfaction)),
            Actor = Actor.Citizen,
            At = now,
        });
        var subject = round == 1 ? string.Empty : round.ToString(CultureInfo.InvariantCulture);
        db.Outbox.Add(new OutboxRecord { Key = new OutboxKey(ticketId, OutboxKinds.Feedback, subject), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (round == 1)
        {
            dispatcher.EnqueueFeedbackPush(ticketId);
        }
        else
        {
            dispatcher.EnqueueFollowUpPush(ticketId, OutboxKinds.Feedback, subject, urgent: false);
        }
        return RatingOutcome.Recorded;
    }

    private static string Display(Satisfaction satisfaction) => satisfaction switch
    {
        Satisfaction.Satisfied => Texts.RatingSatisfied,
        Satisfaction.BasicallySatisfied => Texts.RatingBasicallySatisfied,
        _ => Texts.RatingDissatisfied,
    };
}
