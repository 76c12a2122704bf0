using System.Text.RegularExpressions;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;

namespace CitizenBot.Bot.Handoff;

/// <summary>
/// The conversation so far as a call-back ticket carries it: the latest user and bot lines, one per message, with
/// phone and ID numbers masked, newest kept when it is too long.
/// </summary>
internal static partial class ConversationTranscript
{
    public const string CitizenLabel = "市民";
    public const string BotLabel = "智能助手";

    public static string Compose(IEnumerable<Activity> log, int maxLines, int maxLength)
    {
        var lines = log
            .Where(a => a.IsMessage && !string.IsNullOrWhiteSpace(a.Text))
            .Select(a => $"{(string.Equals(a.From?.Role, RoleTypes.Bot, StringComparison.Ordinal) ? BotLabel : CitizenLabel)}：{OneLine(Mask(a.Text!))}")
            .TakeLast(maxLines)
            .ToList();

        // Newest first until the budget is spent: the last words before 人工 matter most to the person calling back.
        var kept = new List<string>();
        var length = 0;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (length + line.Length + 1 > maxLength)
            {
                if (kept.Count == 0)
                {
                    kept.Add(Cap(line, maxLength));
                }

                break;
            }

            kept.Add(line);
            length += line.Length + 1;
        }

        kept.Reverse();
        return string.Join('\n', kept);
    }

    /// <summary>Mobile, landline and ID numbers (the center gets the conversation, not the numbers in it).</summary>
    public static string Mask(string text)
    {
        text = IdNumber().Replace(text, m => PersonalData.MaskIdNumber(m.Value));
        text = Landline().Replace(text, m => m.Groups["area"].Value + "-" + PersonalData.MaskPhone(m.Groups["local"].Value));
        // 9+ digits, spaces allowed inside ("138 1234 5678"); 8-digit dates and ticket numbers (20261127-0001) stay readable.
        return LongNumber().Replace(text, m =>
        {
            var digits = m.Value.Replace(" ", string.Empty, StringComparison.Ordinal);
            return digits.Length == 11 && digits[0] == '1' ? PersonalData.MaskPhone(digits) : PersonalData.MaskIdNumber(digits);
        });
    }

    private static string OneLine(string text) => string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Cap(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];

    [GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])|(?<![0-9])[0-9]{15}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumber();

    [GeneratedRegex("(?<![0-9])(?<area>0[0-9]{2,3})-(?<local>[0-9]{7,8})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Landline();

    [GeneratedRegex("(?<![0-9])[0-9](?: ?[0-9]){8,}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumber();
}
