using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// What a question for a name takes: a name or a form of address ("王女士", "楼上302住户"), not an answer to another
/// question ("不知道", "跳过", "好的") nor a phone number typed a step early.
/// </summary>
internal static class PersonName
{
    /// <summary>Validates a name question's answer, saying <paramref name="problem"/> when it is not a name.</summary>
    public static PromptValidator<string> Validator(string problem) =>
        (text, _) => ValueTask.FromResult(IsName(text) ? null : problem);

    public static bool IsName(string text)
    {
        var key = ChineseText.ToMatchKey(text);
        var words = Vocabulary.Default;
        return key.Length > 0
            && MobileNumber.Find(ChineseText.Normalize(text)) is null
            && !ChineseText.HoldsAny(key, words.Unknown)
            && !words.Skip.Contains(key) && !words.Yes.Contains(key) && !words.No.Contains(key);
    }
}
