using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Interruptions;

/// <summary>
/// An interruption is a whole message that is one of its words (after <see cref="ChineseText.ToMatchKey"/>), so a
/// sentence that merely contains "取消" (a description, an address) is never taken for one. The one exception: a message
/// that opens with a cancelling word as a clause of its own and says little more ("算了，我还是找物业吧") cancels too.
/// </summary>
internal static class InterruptionRecognizer
{
    /// <summary>After a cancelling opening clause, longer text is a story that opens that way (a description), not a goodbye.</summary>
    private const int MaxAfterOpeningCancel = 12;

    /// <param name="key">The message's match key.</param>
    /// <param name="text">The message as normalized (<see cref="ChineseText.Normalize"/>), for its opening clause.</param>
    public static Interruption Recognize(string key, string? text = null)
    {
        var vocabulary = Vocabulary.Default;
        if (key.Length == 0)
        {
            return Interruption.None;
        }

        // Menu first: "返回主菜单" is not "返回".
        if (vocabulary.Menu.Contains(key))
        {
            return Interruption.Menu;
        }

        // "算了，还是提交吧" changes its mind, "算了，撤回吧" asks to withdraw a ticket: the rest is the answer.
        // The opening clause is looked for only when the message starts with a cancelling word: most messages do not.
        if (IsCancelling(key)
            || (text is not null && vocabulary.Cancel.Any(w => key.StartsWith(w, StringComparison.Ordinal))
                && !key.Contains(ConfirmRecognizer.ChangeOfMind, StringComparison.Ordinal)
                && !vocabulary.Withdraw.Any(w => key.Contains(w, StringComparison.Ordinal))
                && IsCancelling(ChineseText.OpeningClauseKey(text, MaxAfterOpeningCancel))))
        {
            return Interruption.Cancel;
        }

        if (vocabulary.Restart.Contains(key))
        {
            return Interruption.Restart;
        }

        if (vocabulary.Back.Contains(key))
        {
            return Interruption.Back;
        }

        if (vocabulary.Help.Contains(key))
        {
            return Interruption.Help;
        }

        return vocabulary.Human.Contains(key) ? Interruption.Human : Interruption.None;
    }

    /// <summary>Cancelling words and nothing else, one or several in a row ("算了不报了", "算了算了").</summary>
    private static bool IsCancelling(string key)
    {
        var cancel = Vocabulary.Default.Cancel;
        if (key.Length == 0)
        {
            return false;
        }

        while (key.Length > 0)
        {
            var word = cancel.Where(w => key.StartsWith(w, StringComparison.Ordinal)).MaxBy(w => w.Length);
            if (word is null)
            {
                return false;
            }

            key = key[word.Length..];
        }

        return true;
    }
}
