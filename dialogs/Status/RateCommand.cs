namespace CitizenBot.Dialogs.Status;

/// <summary>
/// The message that starts rating a ticket: "评价 &lt;number&gt;". A proactive "please rate" notification carries it as
/// the value of an imBack/postBack button, so one tap opens the rating of that ticket (only the reporter's own).
/// The rating form of <see cref="TicketCommand"/>.
/// </summary>
public static class RateCommand
{
    /// <summary>The button value (and title) for rating ticket <paramref name="ticketNumber"/>.</summary>
    public static string For(string ticketNumber) => TicketCommand.For(TicketAction.Rate, ticketNumber);

    /// <summary>The ticket number of a rating command (text already normalised to Simplified), or null.</summary>
    internal static string? TryRead(string text) =>
        TicketCommand.TryRead(text) is { Action: TicketAction.Rate } command ? command.Number : null;
}
