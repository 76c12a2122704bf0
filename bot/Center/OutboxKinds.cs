namespace CitizenBot.Bot.Center;

/// <summary>What an outbox row asks to push.</summary>
internal static class OutboxKinds
{
    /// <summary>The ticket itself: <c>POST /tickets</c>.</summary>
    public const string Ticket = "ticket";

    /// <summary>The citizen's rating: <c>POST /tickets/{id}/feedback</c>.</summary>
    public const string Feedback = "feedback";

    /// <summary>
    /// Another citizen's words and photos for the ticket: <c>POST /tickets/{id}/supplements</c>, one row per supplement
    /// (<c>SubjectId</c> = its id), pushed only once the center has accepted the ticket.
    /// </summary>
    public const string Supplement = "supplement";

    /// <summary>A newly formed hotspot (bot/Insight): <c>POST /hotspots</c>, <c>SubjectId</c> = its id, <c>TicketId</c> = the report that formed it.</summary>
    public const string Hotspot = "hotspot";

    /// <summary>A daily digest (研判日报): <c>POST /digests</c>, <c>SubjectId</c> = the day (yyyy-MM-dd), <c>TicketId</c> empty.</summary>
    public const string Digest = "digest";
}
