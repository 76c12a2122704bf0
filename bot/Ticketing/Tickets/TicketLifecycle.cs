using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Channels.Privacy;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Ticketing.Tickets;

/// <summary>
/// 催办, 撤回, 不满意 → 重办 and 关注 (port <see cref="ITicketLifecycle"/>): each checked against its rule, written with its
/// outbox row in one transaction and pushed to the center like a ticket (signed, idempotent, retried; after the ticket).
/// </summary>
internal sealed partial class TicketLifecycle(
    IDbContextFactory<CitizenBotDbContext> databases,
    CenterDispatcher dispatcher,
    AnswerClock answerClock,
    TimeProvider time,
    ILogger<TicketLifecycle> logger) : ITicketLifecycle
{
    public const int MaxReasonLength = 500;

    // China has one time zone and no daylight saving: "once a day" is a China day.
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public async Task<UrgeResult> UrgeAsync(Reporter reporter, string ticketId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await OwnAsync(db, reporter, ticketId, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            return new UrgeResult(UrgeOutcome.NotFound);
        }

        if (TicketStatuses.Finished.Contains(ticket.Status))
        {
            return new UrgeResult(UrgeOutcome.Finished, DueAt: ticket.DueAt);
        }

        if (ticket.DueAt is { } due)
        {
            // Half of the answer time as the clock runs, from the ticket (or its 重办) to its due time.
            var start = await db.Reopens.Where(r => r.TicketId == ticket.Id).Select(r => (DateTimeOffset?)r.At).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? ticket.CreatedAt;
            var half = start + ((due - start) / 2);
            if (now < half)
            {
                return new UrgeResult(UrgeOutcome.TooEarly, half, due);
            }
        }

        var today = new DateTimeOffset(now.ToOffset(ChinaOffset).Date, ChinaOffset);
        if (await db.Reminders.AnyAsync(r => r.TicketId == ticket.Id && r.At >= today, cancellationToken).ConfigureAwait(false))
        {
            return new UrgeResult(UrgeOutcome.AlreadyToday, today.AddDays(1), ticket.DueAt);
        }

        var reminder = new TicketReminderRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            TicketId = ticket.Id,
            ChannelId = reporter.ChannelId,
            UserId = reporter.UserId,
            At = now,
        };
        db.Reminders.Add(reminder);
        db.History.Add(new TicketHistoryRecord { TicketId = ticket.Id, Status = TicketStatus.Urged, Actor = Actor.Citizen, At = now });
        var urgent = ticket.Urgency == Urgency.Urgent;
        db.Outbox.Add(new OutboxRecord { Key = new OutboxKey(ticket.Id, OutboxKinds.Reminder, reminder.Id), Urgent = urgent, CreatedAt = now });
        ticket.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogRequest(logger, "reminder", ticket.Number);
        dispatcher.EnqueueFollowUpPush(ticket.Id, OutboxKinds.Reminder, reminder.Id, urgent);
        return new UrgeResult(UrgeOutcome.Recorded, DueAt: ticket.DueAt);
    }

    public async Task<WithdrawOutcome> WithdrawAsync(Reporter reporter, string ticketId, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await OwnAsync(db, reporter, ticketId, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            return WithdrawOutcome.NotFound;
        }

        if (TicketStatuses.Finished.Contains(ticket.Status))
        {
            return WithdrawOutcome.Finished;
        }

        if (await db.Withdrawals.AnyAsync(w => w.TicketId == ticket.Id, cancellationToken).ConfigureAwait(false))
        {
            return WithdrawOutcome.AlreadyRequested;
        }

        // The center does not have it while its push is neither accepted nor in flight: the push is taken back (with
        // whatever waits for the ticket), and nothing reaches the center. A push in flight may be accepted: then ask.
        var takenBack = await db.Outbox
            .Where(OutboxRecord.Is(OutboxKey.Of(ticket.Id, OutboxKinds.Ticket)))
            .Where(o => o.AcceptedAt == null && (o.LockedUntil == null || o.LockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
        var words = Cap(reason);
        db.Withdrawals.Add(new TicketWithdrawalRecord { TicketId = ticket.Id, Reason = words, Local = takenBack, At = now });
        ticket.UpdatedAt = now;
        if (takenBack)
        {
            await db.Outbox.Where(o => o.Key.TicketId == ticket.Id && o.AcceptedAt == null).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            ticket.Status = TicketStatus.Withdrawn;
            db.History.Add(new TicketHistoryRecord { TicketId = ticket.Id, Status = TicketStatus.Withdrawn, Actor = Actor.Citizen, At = now });
        }
        else
        {
            db.History.Add(new TicketHistoryRecord { TicketId = ticket.Id, Status = TicketStatus.WithdrawalRequested, Actor = Actor.Citizen, At = now });
            db.Outbox.Add(new OutboxRecord { Key = OutboxKey.Of(ticket.Id, OutboxKinds.Withdrawal), Urgent = ticket.Urgency == Urgency.Urgent, CreatedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogRequest(logger, takenBack ? "withdrawal (before the center had it)" : "withdrawal", ticket.Number);
        if (takenBack)
        {
            return WithdrawOutcome.Withdrawn;
        }

        dispatcher.EnqueueFollowUpPush(ticket.Id, OutboxKinds.Withdrawal, string.Empty, ticket.Urgency == Urgency.Urgent);
        return WithdrawOutcome.Requested;
    }

    public async Task<ReopenOutcome> ReopenAsync(Reporter reporter, string ticketId, string reason, string? photoId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await OwnAsync(db, reporter, ticketId, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            return ReopenOutcome.NotFound;
        }

        if (await db.Reopens.AnyAsync(r => r.TicketId == ticket.Id, cancellationToken).ConfigureAwait(false))
        {
            return ReopenOutcome.AlreadyReopened;
        }

        if (!TicketStatuses.Answered.Contains(ticket.Status))
        {
            return ReopenOutcome.NotAnswered;
        }

        // Only a photo this citizen uploaded and no ticket owns yet.
        var photo = photoId is null
            ? null
            : await db.Photos.SingleOrDefaultAsync(
                p => p.Id == photoId && p.TicketId == null && p.ChannelId == reporter.ChannelId && p.UserId == reporter.UserId, cancellationToken).ConfigureAwait(false);
        if (photo is not null)
        {
            photo.TicketId = ticket.Id;
        }

        db.Reopens.Add(new TicketReopenRecord { TicketId = ticket.Id, Reason = Cap(reason), PhotoId = photo?.Id, At = now });
        db.History.Add(new TicketHistoryRecord { TicketId = ticket.Id, Status = TicketStatus.ReopenRequested, Actor = Actor.Citizen, At = now });
        ticket.Status = TicketStatus.ReopenRequested;
        // A new answer time from the request, told again when it passes.
        ticket.DueAt = answerClock.DueAt(ticket.CategoryCode, ticket.Urgency == Urgency.Urgent, now);
        ticket.OverdueNotifiedAt = null;
        ticket.UpdatedAt = now;
        var urgent = ticket.Urgency == Urgency.Urgent;
        db.Outbox.Add(new OutboxRecord { Key = OutboxKey.Of(ticket.Id, OutboxKinds.Reopen), Urgent = urgent, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogRequest(logger, "reopen", ticket.Number);
        dispatcher.EnqueueFollowUpPush(ticket.Id, OutboxKinds.Reopen, string.Empty, urgent);
        return ReopenOutcome.Requested;
    }

    public async Task<FollowOutcome> FollowAsync(Reporter reporter, string ticketId, CancellationToken cancellationToken)
    {
        if (reporter.ChannelId.Length == 0 || reporter.UserId.Length == 0)
        {
            return FollowOutcome.NotFound;
        }

        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            return FollowOutcome.NotFound;
        }

        if (ticket.ChannelId == reporter.ChannelId && ticket.ReporterUserId == reporter.UserId)
        {
            return FollowOutcome.OwnTicket;
        }

        if (TicketStatuses.Finished.Contains(ticket.Status))
        {
            return FollowOutcome.Finished;
        }

        if (await db.Followers.AnyAsync(f => f.TicketId == ticket.Id && f.ChannelId == reporter.ChannelId && f.UserId == reporter.UserId, cancellationToken).ConfigureAwait(false))
        {
            return FollowOutcome.AlreadyFollowing;
        }

        var follower = new TicketFollowerRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            TicketId = ticket.Id,
            ChannelId = reporter.ChannelId,
            UserId = reporter.UserId,
            At = now,
        };
        db.Followers.Add(follower);
        var urgent = ticket.Urgency == Urgency.Urgent;
        db.Outbox.Add(new OutboxRecord { Key = new OutboxKey(ticket.Id, OutboxKinds.Follower, follower.Id), Urgent = urgent, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogFollowed(logger, ticket.Number, PersonalData.MaskUserId(reporter.UserId));
        dispatcher.EnqueueFollowUpPush(ticket.Id, OutboxKinds.Follower, follower.Id, urgent);
        return FollowOutcome.Following;
    }

    /// <summary>The reporter's own ticket, or null: nobody acts on another citizen's ticket.</summary>
    private static Task<TicketRecord?> OwnAsync(CitizenBotDbContext db, Reporter reporter, string ticketId, CancellationToken cancellationToken) =>
        reporter.ChannelId.Length == 0 || reporter.UserId.Length == 0
            ? Task.FromResult<TicketRecord?>(null)
            : db.Tickets.SingleOrDefaultAsync(t => t.Id == ticketId && t.ChannelId == reporter.ChannelId && t.ReporterUserId == reporter.UserId, cancellationToken);

    private static string? Cap(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= MaxReasonLength ? trimmed : trimmed[..(char.IsHighSurrogate(trimmed[MaxReasonLength - 1]) ? MaxReasonLength - 1 : MaxReasonLength)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Citizen's {Request} of ticket {Number} recorded")]
    private static partial void LogRequest(ILogger logger, string request, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Number} followed by user {User}")]
    private static partial void LogFollowed(ILogger logger, string number, string user);
}
