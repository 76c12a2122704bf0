using System.Text;
using System.Text.RegularExpressions;

namespace CitizenBot.Channels.WeChat.Replies;

/// <summary>
/// The bot's markdown replies as WeChat text: a web link becomes <c>&lt;a href&gt;</c> (the only markup WeChat text
/// shows), a <c>tel:</c> link its number (WeChat makes numbers tappable itself), escapes and hard breaks plain text.
/// </summary>
internal static partial class WeChatMarkdown
{
    public static string ToText(string markdown)
    {
        var lines = markdown.Replace("\\\n", "\n", StringComparison.Ordinal);
        var text = new StringBuilder(lines.Length);
        var at = 0;
        foreach (Match link in Link().Matches(lines))
        {
            text.Append(Unescape(lines.AsSpan(at, link.Index - at)));
            var label = Unescape(link.Groups["label"].ValueSpan);
            var target = link.Groups["target"].Value;
            if (target.StartsWith("tel:", StringComparison.Ordinal))
            {
                text.Append(label);
            }
            else
            {
                text.Append("<a href=\"").Append(target.Replace("\"", "%22", StringComparison.Ordinal)).Append("\">").Append(label).Append("</a>");
            }

            at = link.Index + link.Length;
        }

        return text.Append(Unescape(lines.AsSpan(at))).ToString();
    }

    private static string Unescape(ReadOnlySpan<char> text)
    {
        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) is false && text[i + 1] != '\n')
            {
                i++;
            }

            plain.Append(text[i]);
        }

        return plain.ToString();
    }

    [GeneratedRegex(@"\[(?<label>(?:\\.|[^\[\]\\])*)\]\((?<target>(?:https?://|tel:)[^\s()]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
