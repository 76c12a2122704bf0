using System.Text.RegularExpressions;

namespace CitizenBot.Dialogs.Status;

/// <summary>
/// The message that starts rating a ticket: "评价 &lt;number&gt;". A proactive "please rate" notification carries it as
/// the value of an imBack/postBack button, so one tap opens the rating of that ticket (only the reporter's own).
/// </summary>
public static partial class RateCommand
{
    /// <summary>The button value (and title) for rating ticket <paramref name="ticketNumber"/>.</summary>
    public static string For(string ticketNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketNumber);
        return "评价 " + ticketNumber;
    }

    /// <summary>The ticket number of a rating command (text already normalised to Simplified), or null.</summary>
    internal static string? TryRead(string text) =>
        Pattern().Match(text) is { Success: true } match ? match.Groups["number"].Value : null;

    // "评价 20261127-0001", also without the space; "評價" arrives here already converted to Simplified.
    [GeneratedRegex(@"^评价\s*(?<number>[0-9A-Za-z][0-9A-Za-z\-]{2,40})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
