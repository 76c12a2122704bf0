using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>Whether a message asks something ("这个要多久能处理", "要名字干嘛？"): a question mark or a question word of <c>Text/Vocabulary.json</c>.</summary>
internal static class Questions
{
    public static bool IsQuestion(string text) =>
        text.Contains('?') || text.Contains('？') || ChineseText.HoldsAny(ChineseText.ToMatchKey(text), Vocabulary.Default.Question);
}
