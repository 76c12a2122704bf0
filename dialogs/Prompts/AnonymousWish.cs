using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// "算了还是匿名吧", typed at a question for a name or a phone number after choosing to leave one: the citizen changed their
/// mind. Prompts that allow it answer <see cref="Answer"/> instead of a name or number.
/// </summary>
internal static class AnonymousWish
{
    /// <summary>What a prompt answers for the wish; never a name or a number anyone could give.</summary>
    public const string Answer = "\u0001anonymous";

    private static readonly string[] Negations = ["不匿名", "不用匿名", "不要匿名", "不想匿名", "别匿名"];

    /// <summary>The message (its match key) asks to stay anonymous: "匿名", or in other words ("不想留名 怕被报复").</summary>
    public static bool In(string key) =>
        ChineseText.HoldsAny(key, Vocabulary.Default.Anonymous) && !Negations.Any(n => key.Contains(n, StringComparison.Ordinal));
}
