namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>What an outbox row asks to push.</summary>
internal static class OutboxKinds
{
    /// <summary>The ticket itself: <c>POST /tickets</c>.</summary>
    public const string Ticket = "ticket";

    /// <summary>The citizen's rating: <c>POST /tickets/{id}/feedback</c>; <c>SubjectId</c> empty for the first 办结, "2" for the one after a 重办.</summary>
    public const string Feedback = "feedback";

    /// <summary>
    /// Another citizen's words and photos for the ticket: <c>POST /tickets/{id}/supplements</c>, one row per supplement
    /// (<c>SubjectId</c> = its id), pushed only once the center has accepted the ticket.
    /// </summary>
    public const string Supplement = "supplement";

    /// <summary>A newly formed hotspot (bot/Insight): <c>POST /hotspots</c>, <c>SubjectId</c> = its id, <c>TicketId</c> = the report that formed it.</summary>
    public const string Hotspot = "hotspot";

    /// <summary>The citizen's 催办: <c>POST /tickets/{id}/reminders</c>, <c>SubjectId</c> = the reminder's id.</summary>
    public const string Reminder = "reminder";

    /// <summary>The citizen's 撤回 of a ticket the center has: <c>POST /tickets/{id}/withdrawal</c>, once per ticket.</summary>
    public const string Withdrawal = "withdrawal";

    /// <summary>The citizen's 不满意 → 重办: <c>POST /tickets/{id}/reopen</c>, once per ticket.</summary>
    public const string Reopen = "reopen";

    /// <summary>Another citizen 关注 the ticket: <c>POST /tickets/{id}/followers</c>, <c>SubjectId</c> = the follower row's id.</summary>
    public const string Follower = "follower";

    /// <summary>Rows about a ticket the center must have first: they wait until it accepted the ticket.</summary>
    public static bool WaitsForTicket(string kind) => kind is Supplement or Reminder or Withdrawal or Reopen or Follower;

    /// <summary>A daily digest (研判日报): <c>POST /digests</c>, <c>SubjectId</c> = the day (yyyy-MM-dd), <c>TicketId</c> empty.</summary>
    public const string Digest = "digest";
}
