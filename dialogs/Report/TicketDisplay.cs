using System.Globalization;

namespace CitizenBot.Dialogs.Report;

/// <summary>How tickets' times and contacts are shown to citizens.</summary>
public static class TicketDisplay
{
    // China has one time zone and no daylight saving: a fixed offset needs no time-zone database on the server.
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>"11月27日 10:30", China time.</summary>
    public static string Time(DateTimeOffset at) =>
        at.ToOffset(ChinaOffset).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"预计12月8日18:00前答复": the answer time, China time.</summary>
    public static string DueLine(DateTimeOffset dueAt) =>
        string.Format(CultureInfo.CurrentCulture, Resources.Texts.TicketDueLine, Due(dueAt));

    /// <summary>"12月8日18:00", China time: the answer time as the 12345 receipts write it.</summary>
    public static string Due(DateTimeOffset at) =>
        at.ToOffset(ChinaOffset).ToString("M月d日HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Enough for the citizen to recognise, never the whole number on screen: a mobile as 138****8000, a landline as
    /// 0371-****5678, anything else as ****.
    /// </summary>
    public static string MaskPhone(string phone) =>
        phone.Length == 11 && phone.All(char.IsAsciiDigit) ? phone[..3] + "****" + phone[7..]
        : phone.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash && phone.Length - dash > 4 ? phone[..(dash + 1)] + "****" + phone[^4..]
        : "****";

    /// <summary>At most <paramref name="max"/> characters, never splitting a surrogate pair.</summary>
    public static string Cap(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end];
    }
}
