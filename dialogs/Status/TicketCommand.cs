using System.Text.RegularExpressions;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Status;

/// <summary>What a citizen can do with one of their tickets from 我的上报, a button, or their own words.</summary>
public enum TicketAction
{
    Rate,
    Urge,
    Withdraw,
    Reopen,
}

/// <summary>
/// The buttons of proactive messages and their typed form: "评价 / 催办 / 撤回 / 重办 &lt;number&gt;". One tap opens that
/// action on that ticket (only the reporter's own). Also reads the same wish in a citizen's own words ("催一下
/// 20261205-0001", "怎么还没人管", "没解决") with the word lists of <c>Text/Vocabulary.json</c>, once the message
/// has reached the Status flow.
/// </summary>
public static partial class TicketCommand
{
    /// <summary>What is left of a wish's words after the asking itself, from which they say why.</summary>
    private const int MinReasonLength = 3;

    /// <summary>Words that only ask ("我要撤回这个工单"), never say why.</summary>
    private static readonly string[] AskingWords =
        ["撤回", "撤销", "撤单", "催办", "催一下", "催催", "重办", "重新办理", "我要", "我想", "帮我", "麻烦", "一下", "这个", "那个", "工单", "吧", "啊", "呢"];

    /// <summary>The button value (and title) for <paramref name="action"/> on ticket <paramref name="ticketNumber"/>.</summary>
    public static string For(TicketAction action, string ticketNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketNumber);
        return Verb(action) + " " + ticketNumber;
    }

    /// <summary>The action and ticket number of a command (text already normalised to Simplified), or null.</summary>
    internal static (TicketAction Action, string Number)? TryRead(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var action = match.Groups["verb"].Value switch
        {
            "评价" => TicketAction.Rate,
            "催办" => TicketAction.Urge,
            "撤回" => TicketAction.Withdraw,
            _ => TicketAction.Reopen,
        };
        return (action, match.Groups["number"].Value);
    }

    /// <summary>
    /// The wish in a sentence: 不满意/没解决 (重办) before 撤回 before 催办, since "没解决，怎么还没人管" asks for 重办.
    /// Null when the words ask none of them.
    /// </summary>
    internal static TicketAction? ActionIn(string text)
    {
        var key = ChineseText.ToMatchKey(text);
        var words = Vocabulary.Default;
        return ChineseText.HoldsAny(key, words.Reopen) ? TicketAction.Reopen
            : ChineseText.HoldsAny(key, words.Withdraw) ? TicketAction.Withdraw
            : ChineseText.HoldsAny(key, words.Urge) ? TicketAction.Urge
            : null;
    }

    /// <summary>
    /// The text itself when it says why, besides asking ("不用修了，已经有人修好了", "报错了": why it is withdrawn; "没解决，
    /// 还在漏水": what is still wrong), so that is not asked again; null for the bare wish ("撤回 20261205-0001", "我要撤回",
    /// "不满意").
    /// </summary>
    /// <param name="text">The message as typed; the reason is kept so.</param>
    /// <param name="action">The wish the text asks for.</param>
    internal static string? ReasonIn(string text, TicketAction action)
    {
        var words = Vocabulary.Default;
        // 已经修好了 is why a ticket is withdrawn; 没解决 is only the wish to reopen, not what is still wrong.
        var wishOnly = action == TicketAction.Reopen ? words.Reopen.Concat(AskingWords) : AskingWords;
        var rest = ChineseText.ToMatchKey(NumberPattern().Replace(ChineseText.Normalize(text), string.Empty));
        foreach (var word in wishOnly.OrderByDescending(w => w.Length))
        {
            rest = rest.Replace(word, string.Empty, StringComparison.Ordinal);
        }

        return rest.Length >= MinReasonLength ? text.Trim() : null;
    }

    /// <summary>A ticket number (yyyyMMdd-NNNN) written anywhere in the text, or null.</summary>
    internal static string? NumberIn(string text) => NumberPattern().Match(text) is { Success: true } match ? match.Value : null;

    private static string Verb(TicketAction action) => action switch
    {
        TicketAction.Rate => "评价",
        TicketAction.Urge => "催办",
        TicketAction.Withdraw => "撤回",
        _ => "重办",
    };

    // "催办 20261127-0001", also without the space; Traditional arrives here already converted to Simplified.
    [GeneratedRegex(@"^(?<verb>评价|催办|撤回|重办)\s*(?<number>[0-9A-Za-z][0-9A-Za-z\-]{2,40})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?<![0-9])[0-9]{8}-[0-9]{4,6}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
