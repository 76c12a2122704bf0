using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="ITicketLifecycle"/> over <see cref="FakeReportDesk"/> that keeps the port's rules: own ticket;
/// 催办 past half the answer time and once a (China) day; 撤回 here while the ticket is 已提交 (the center does not have
/// it), else asked of the center; 重办 of an answered ticket, once; 关注 of someone else's open ticket.
/// </summary>
internal sealed class FakeTicketLifecycle(FakeReportDesk desk) : ITicketLifecycle
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly HashSet<TicketStatus> Answered = [TicketStatus.Resolved, TicketStatus.Closed, TicketStatus.PartiallyResolved];

    public List<(string TicketId, DateTimeOffset At)> Reminders { get; } = [];

    public List<(string TicketId, string Reason, bool Local)> Withdrawals { get; } = [];

    public List<(string TicketId, string Reason, string? PhotoId)> Reopens { get; } = [];

    public List<(string TicketId, string UserId)> Followers { get; } = [];

    public Task<UrgeResult> UrgeAsync(Reporter reporter, string ticketId, CancellationToken cancellationToken)
    {
        var now = desk.Now;
        var ticket = Own(reporter, ticketId);
        UrgeResult result;
        if (ticket is null)
        {
            result = new UrgeResult(UrgeOutcome.NotFound);
        }
        else if (Answered.Contains(ticket.Status) || ticket.Status == TicketStatus.Withdrawn)
        {
            result = new UrgeResult(UrgeOutcome.Finished);
        }
        else if (ticket.DueAt is { } due && now < ticket.CreatedAt + ((due - ticket.CreatedAt) / 2))
        {
            result = new UrgeResult(UrgeOutcome.TooEarly, ticket.CreatedAt + ((due - ticket.CreatedAt) / 2), due);
        }
        else
        {
            var today = new DateTimeOffset(now.ToOffset(ChinaOffset).Date, ChinaOffset);
            if (Reminders.Exists(r => r.TicketId == ticketId && r.At >= today))
            {
                result = new UrgeResult(UrgeOutcome.AlreadyToday, today.AddDays(1), ticket.DueAt);
            }
            else
            {
                Reminders.Add((ticketId, now));
                desk.AddEvent(ticketId, new TicketEvent(now, TicketStatus.Urged, null));
                result = new UrgeResult(UrgeOutcome.Recorded, DueAt: ticket.DueAt);
            }
        }

        return Task.FromResult(result);
    }

    public Task<WithdrawOutcome> WithdrawAsync(Reporter reporter, string ticketId, string reason, CancellationToken cancellationToken)
    {
        var ticket = Own(reporter, ticketId);
        WithdrawOutcome outcome;
        if (ticket is null)
        {
            outcome = WithdrawOutcome.NotFound;
        }
        else if (Answered.Contains(ticket.Status) || ticket.Status == TicketStatus.Withdrawn)
        {
            outcome = WithdrawOutcome.Finished;
        }
        else if (Withdrawals.Exists(w => w.TicketId == ticketId))
        {
            outcome = WithdrawOutcome.AlreadyRequested;
        }
        else if (ticket.Status == TicketStatus.Submitted)
        {
            Withdrawals.Add((ticketId, reason, true));
            desk.ChangeStatus(ticketId, TicketStatus.Withdrawn);
            outcome = WithdrawOutcome.Withdrawn;
        }
        else
        {
            Withdrawals.Add((ticketId, reason, false));
            desk.AddEvent(ticketId, new TicketEvent(desk.Now, TicketStatus.WithdrawalRequested, null));
            outcome = WithdrawOutcome.Requested;
        }

        return Task.FromResult(outcome);
    }

    public Task<ReopenOutcome> ReopenAsync(Reporter reporter, string ticketId, string reason, string? photoId, CancellationToken cancellationToken)
    {
        var ticket = Own(reporter, ticketId);
        ReopenOutcome outcome;
        if (ticket is null)
        {
            outcome = ReopenOutcome.NotFound;
        }
        else if (Reopens.Exists(r => r.TicketId == ticketId))
        {
            outcome = ReopenOutcome.AlreadyReopened;
        }
        else if (!Answered.Contains(ticket.Status))
        {
            outcome = ReopenOutcome.NotAnswered;
        }
        else
        {
            Reopens.Add((ticketId, reason, photoId));
            desk.ChangeStatus(ticketId, TicketStatus.ReopenRequested, dueAt: desk.Now + FakeReportDesk.NewTicketAnswerTime);
            outcome = ReopenOutcome.Requested;
        }

        return Task.FromResult(outcome);
    }

    public Task<FollowOutcome> FollowAsync(Reporter reporter, string ticketId, CancellationToken cancellationToken)
    {
        var ticket = desk.Tickets.FirstOrDefault(t => t.TicketId == ticketId);
        FollowOutcome outcome;
        if (ticket is null)
        {
            outcome = FollowOutcome.NotFound;
        }
        else if (ticket.ChannelId == reporter.ChannelId && ticket.UserId == reporter.UserId)
        {
            outcome = FollowOutcome.OwnTicket;
        }
        else if (Followers.Exists(f => f.TicketId == ticketId && f.UserId == reporter.UserId))
        {
            outcome = FollowOutcome.AlreadyFollowing;
        }
        else
        {
            Followers.Add((ticketId, reporter.UserId));
            outcome = FollowOutcome.Following;
        }

        return Task.FromResult(outcome);
    }

    private FakeReportDesk.StoredTicket? Own(Reporter reporter, string ticketId) =>
        desk.Tickets.FirstOrDefault(t => t.TicketId == ticketId && t.ChannelId == reporter.ChannelId && t.UserId == reporter.UserId);
}
