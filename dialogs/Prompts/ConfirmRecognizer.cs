using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Yes or no from a <see cref="ChineseText.ToMatchKey"/> key: a whole yes/no word ("是", "不用", "没问题"), else the
/// longest yes/no word the message starts with ("好的谢谢" yes, "不对地址错了" no). Words are in <c>Text/Vocabulary.json</c>.
/// </summary>
internal static class ConfirmRecognizer
{
    public static bool? Recognize(string key)
    {
        var vocabulary = Vocabulary.Default;
        if (key.Length == 0)
        {
            return null;
        }

        if (vocabulary.Yes.Contains(key))
        {
            return true;
        }

        if (vocabulary.No.Contains(key))
        {
            return false;
        }

        var yes = LongestPrefix(key, vocabulary.Yes);
        var no = LongestPrefix(key, vocabulary.No);
        if (yes == no)
        {
            return null;
        }

        return yes > no;
    }

    private static int LongestPrefix(string key, IReadOnlySet<string> words) =>
        words.Where(w => key.StartsWith(w, StringComparison.Ordinal)).Select(w => w.Length).DefaultIfEmpty(0).Max();
}
