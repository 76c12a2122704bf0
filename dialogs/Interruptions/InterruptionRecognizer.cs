using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Interruptions;

/// <summary>
/// An interruption is a whole message that is one of its words (after <see cref="ChineseText.ToMatchKey"/>), so a
/// sentence that merely contains "取消" (a description, an address) is never taken for one.
/// </summary>
internal static class InterruptionRecognizer
{
    public static Interruption Recognize(string key)
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

        if (vocabulary.Cancel.Contains(key))
        {
            return Interruption.Cancel;
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
}
