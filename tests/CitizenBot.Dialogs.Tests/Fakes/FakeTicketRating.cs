using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Status;
using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Tests.Fakes;

/// <summary>An in-memory <see cref="ITicketRating"/> that keeps the port's rules: own ticket, resolved, once per 办结 (again after a 重办).</summary>
internal sealed class FakeTicketRating(FakeReportDesk desk) : ITicketRating
{
    public List<(string TicketId, Satisfaction Satisfaction, bool Resolved, string? Comment)> Ratings { get; } = [];

    public Task<RatingOutcome> RateAsync(Reporter reporter, string ticketId, Satisfaction satisfaction, bool resolved, string? comment, CancellationToken cancellationToken)
    {
        var ticket = desk.Tickets.FirstOrDefault(t => t.TicketId == ticketId && t.ChannelId == reporter.ChannelId && t.UserId == reporter.UserId);
        RatingOutcome outcome;
        if (ticket is null)
        {
            outcome = RatingOutcome.NotFound;
        }
        else if (ticket.Status != TicketStatus.Resolved)
        {
            outcome = RatingOutcome.NotYetResolved;
        }
        else if (Ratings.Count(r => r.TicketId == ticketId) >= (ticket.History.Any(e => e.Status == TicketStatus.ReopenRequested) ? 2 : 1))
        {
            outcome = RatingOutcome.AlreadyRated;
        }
        else
        {
            Ratings.Add((ticketId, satisfaction, resolved, comment));
            desk.AddEvent(ticketId, new TicketEvent(desk.Now, TicketStatus.Rated, null));
            outcome = RatingOutcome.Recorded;
        }

        return Task.FromResult(outcome);
    }
}
