using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Status;

/// <summary>The Status flow's way to record a citizen's rating of a resolved ticket (回访: 满意度 + 解决情况).</summary>
public interface ITicketRating
{
    /// <summary>
    /// Records the rating and queues it for the center. Only the ticket's own reporter may rate, only once, and only
    /// after the center reported it resolved or closed.
    /// </summary>
    Task<RatingOutcome> RateAsync(Reporter reporter, string ticketId, Satisfaction satisfaction, bool resolved, string? comment, CancellationToken cancellationToken);
}

/// <summary>满意 / 基本满意 / 不满意.</summary>
public enum Satisfaction
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

public enum RatingOutcome
{
    Recorded,
    NotFound,
    NotYetResolved,
    AlreadyRated,
}
