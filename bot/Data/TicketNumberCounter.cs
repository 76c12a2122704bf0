namespace CitizenBot.Bot.Data;

/// <summary>The last ticket number handed out on a day; bumped with one atomic upsert inside the ticket's transaction.</summary>
internal sealed class TicketNumberCounter
{
    /// <summary><c>yyyyMMdd</c> in China time.</summary>
    public required string Day { get; set; }

    public int Last { get; set; }
}
