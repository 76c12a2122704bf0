using System.Text;
using System.Text.RegularExpressions;

namespace CitizenBot.Dialogs.Cards;

/// <summary>
/// Reply text with real links: hotline numbers become <c>tel:</c> links, web addresses become short named links, and
/// everything else is escaped so that a citizen's own words are shown as written. Lines are kept as lines (CommonMark
/// hard breaks: Web Chat renders markdown without treating a single line break as one).
/// </summary>
/// <remarks>
/// Texts may carry a named link as <c>[label](https://…)</c> (or http, as a bot on a local address links its own pages) or <c>[label](tel:…)</c>; a bare address longer than
/// <see cref="MaxShownUrlLength"/> characters is never shown, only its label.
/// </remarks>
public static partial class Markdown
{
    /// <summary>A bare address up to this long is shown as it is (linked); a longer one only as <see cref="Resources.Texts.LinkOpen"/>.</summary>
    public const int MaxShownUrlLength = 40;

    private const string HardBreak = "\\\n";

    /// <summary>
    /// The markdown of <paramref name="text"/>, or null when it has no link at all (it stays plain text then, which every
    /// client shows as it is).
    /// </summary>
    public static string? FromPlain(string text) => Linked(text, escape: true);

    /// <summary>Card text with hotlines and addresses linked; a TextBlock is one line, so nothing else is touched.</summary>
    public static string Card(string text) => Linked(text, escape: false) ?? text;

    private static string? Linked(string text, bool escape)
    {
        var tokens = Tokens().Matches(text);
        if (tokens.Count == 0)
        {
            return null;
        }

        var markdown = new StringBuilder(text.Length + 32 * tokens.Count);
        var at = 0;
        foreach (Match token in tokens)
        {
            Append(markdown, text.AsSpan(at, token.Index - at), escape);
            if (token.Groups["label"].Success)
            {
                AppendLink(markdown, token.Groups["label"].Value, token.Groups["target"].Value);
            }
            else if (token.Groups["url"].Success)
            {
                var url = token.Groups["url"].Value;
                AppendLink(markdown, url.Length <= MaxShownUrlLength ? url : Resources.Texts.LinkOpen, url);
            }
            else
            {
                var number = token.Groups["phone"].Value;
                AppendLink(markdown, number, "tel:" + number.Replace("-", string.Empty, StringComparison.Ordinal));
            }

            at = token.Index + token.Length;
        }

        Append(markdown, text.AsSpan(at), escape);
        return markdown.ToString();
    }

    /// <summary>A message of <paramref name="text"/>: markdown when it has links, else plain (as dialogs' replies are).</summary>
    public static Channels.Activities.Activity Message(string text)
    {
        var markdown = FromPlain(text);
        var message = Channels.Activities.Activity.CreateMessage(markdown ?? text);
        message.TextFormat = markdown is null ? Channels.Activities.TextFormats.Plain : Channels.Activities.TextFormats.Markdown;
        return message;
    }

    /// <summary>For a text message (SMS): named links as "label：address", everything else as written.</summary>
    public static string WithAddresses(string text) => NamedLink().Replace(text, m => m.Groups["label"].Value + "：" + m.Groups["target"].Value);

    /// <summary>A link in card text (TextBlock supports the same markdown links).</summary>
    public static string Link(string label, string url) => "[" + Escape(label) + "](" + url + ")";

    /// <summary>A hotline number as a <c>tel:</c> link, for card text.</summary>
    public static string Phone(string number) => Link(number, "tel:" + number.Replace("-", string.Empty, StringComparison.Ordinal));

    /// <summary>What a reader sees of <paramref name="markdown"/>: link labels, no escapes, line breaks.</summary>
    public static string ToPlain(string markdown) =>
        Unescape(LinkSyntax().Replace(markdown.Replace(HardBreak, "\n", StringComparison.Ordinal), m => m.Groups["label"].Value));

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        AppendEscaped(escaped, text);
        return escaped.ToString();
    }

    private static void Append(StringBuilder markdown, ReadOnlySpan<char> text, bool escape)
    {
        if (escape)
        {
            AppendEscaped(markdown, text);
        }
        else
        {
            markdown.Append(text);
        }
    }

    private static void AppendLink(StringBuilder markdown, string label, string target) =>
        markdown.Append('[').Append(Escape(label)).Append("](").Append(target).Append(')');

    private static void AppendEscaped(StringBuilder markdown, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n':
                    markdown.Append(HardBreak);
                    break;
                case '\r':
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '<' or '>' or '#' or '~' or '|' or '!' or '-' or '+' or '.':
                    markdown.Append('\\').Append(c);
                    break;
                default:
                    markdown.Append(c);
                    break;
            }
        }
    }

    private static string Unescape(string text)
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

    // A named link already written as markdown; a bare web address; a hotline: the emergency numbers, the 123xx and
    // 96xxx government lines, 400 numbers and landlines with an area code. Not inside longer numbers, ticket numbers,
    // masked mobiles or amounts ("120元").
    [GeneratedRegex(
        @"\[(?<label>[^\[\]\n]{1,60})\]\((?<target>(?:https?://|tel:)[^\s()]+)\)"
        + @"|(?<url>https?://[^\s<>""'，。；！？）】]+)"
        + @"|(?<![0-9A-Za-z\-*./:_#])(?<phone>110|119|120|122|12\d{3}|96\d{3}|400-?\d{3}-?\d{4}|0\d{2,3}-\d{7,8})(?![0-9\-*/:元万块米天个号条分秒岁年月日人次%.])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Tokens();

    [GeneratedRegex(@"\[(?<label>(?:\\.|[^\[\]\\])*)\]\((?<target>[^\s()]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkSyntax();

    [GeneratedRegex(@"\[(?<label>[^\[\]\n]{1,60})\]\((?<target>(?:https?://|tel:)[^\s()]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex NamedLink();
}
