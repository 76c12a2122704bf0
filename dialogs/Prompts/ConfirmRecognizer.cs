using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Yes or no from a <see cref="ChineseText.ToMatchKey"/> key: a whole yes/no word ("是", "不用", "没问题"), else the
/// longest yes/no word the message starts with ("好的谢谢" yes, "不对地址错了" no). Words are in <c>Text/Vocabulary.json</c>.
/// </summary>
internal static class ConfirmRecognizer
{
    /// <summary>What follows the last of these words is the answer ("算了还是提交吧").</summary>
    internal const string ChangeOfMind = "还是";

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

        // A change of mind: what follows the last 还是 decides ("算了还是提交吧" yes, "还是算了" no, "算了还是注册吧" unclear).
        var turn = key.LastIndexOf(ChangeOfMind, StringComparison.Ordinal);
        if (turn >= 0 && turn + ChangeOfMind.Length < key.Length)
        {
            key = key[(turn + ChangeOfMind.Length)..];
            return vocabulary.Yes.Contains(key) ? true : vocabulary.No.Contains(key) ? false : Leaning(key, vocabulary);
        }

        return Leaning(key, vocabulary);
    }

    private static bool? Leaning(string key, Vocabulary vocabulary)
    {
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
