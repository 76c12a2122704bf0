namespace CitizenBot.Bot.Data;

/// <summary>The last ticket number given out in a block on a day (see <c>TicketNumbers</c>); bumped a block at a time.</summary>
internal sealed class TicketNumberCounter
{
    /// <summary><c>yyyyMMdd</c> in China time.</summary>
    public required string Day { get; set; }

    public int Last { get; set; }
}
