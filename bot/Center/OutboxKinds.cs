namespace CitizenBot.Bot.Center;

/// <summary>What an outbox row asks to push.</summary>
internal static class OutboxKinds
{
    /// <summary>The ticket itself: <c>POST /tickets</c>.</summary>
    public const string Ticket = "ticket";

    /// <summary>The citizen's rating: <c>POST /tickets/{id}/feedback</c>.</summary>
    public const string Feedback = "feedback";
}
