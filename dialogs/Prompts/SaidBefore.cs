using System.Text.RegularExpressions;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Words around an answer saying it was given before ("不是说了吗 和平路12号", "宏达建筑公司，刚才说了"): not part of the
/// answer.
/// </summary>
internal static partial class SaidBefore
{
    /// <summary><paramref name="text"/> without such words before or after the answer; the text as it was when nothing else is left.</summary>
    public static string Remove(string text)
    {
        var rest = After().Replace(Before().Replace(text, string.Empty), string.Empty).Trim();
        return rest.Length > 0 ? rest : text.Trim();
    }

    // "不是说了吗", "上面写了啊", "刚才告诉你了" before the answer itself.
    [GeneratedRegex(@"^[^，,。\s\d]{0,6}?(?:说了|说过|写了|写过|给了|讲了|讲过|告诉你了|告诉过你)[吗嘛啊呀的了么]*[，,。!！？?\s]+", RegexOptions.CultureInvariant)]
    private static partial Regex Before();

    // "，刚才说了", "，上面写过了" after it.
    [GeneratedRegex(@"[，,。!！？?\s]+[^，,。\s\d]{0,6}?(?:说了|说过|写了|写过|给了|讲了|讲过|告诉你了|告诉过你)[吗嘛啊呀的了么过]*[，,。!！？?\s]*$", RegexOptions.CultureInvariant)]
    private static partial Regex After();
}
