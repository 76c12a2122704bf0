using System.Globalization;
using System.Text.RegularExpressions;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Asks for a name or a form of address ("王女士", "楼上302住户"), said as people say it: "我叫陈秀英" and "刚才不是说了嘛，
/// 孙大伟" give only the name. Not a name: an answer to another question ("不知道", "跳过", "好的"), a refusal or a question
/// ("不想说", "要名字干嘛？") or a phone number typed a step early; those get <paramref name="problem"/> and the question again.
/// </summary>
/// <param name="anonymousAllowed">"匿名" answers <see cref="AnonymousWish.Answer"/> (a report's contact, which may be left out).</param>
internal sealed partial class NamePrompt(string id, int maxLength, string problem, bool anonymousAllowed = false) : Prompt<string>(id, validator: null)
{
    private static readonly string[] Refusals = ["不想说", "不想告诉", "不告诉", "不方便", "不愿意", "保密", "不留"];

    private static readonly string[] PhoneWords = ["电话", "手机", "号码", "联系方式"];

    /// <summary>Longer answers may be a sentence about another matter rather than a name ("楼上302住户老王" is 9).</summary>
    private const int LongestNameLike = 10;

    protected override PromptRecognition<string> Recognize(DialogContext dc, PromptOptions options)
    {
        if (dc.MatchKey.Length == 0)
        {
            return PromptRecognition<string>.Failure(Texts.RetryTextMissing);
        }

        if (anonymousAllowed && AnonymousWish.In(dc.MatchKey))
        {
            return PromptRecognition<string>.Success(AnonymousWish.Answer);
        }

        // A sentence about another matter ("对了我刚报的那个水果棚子处理了没") is no name: the bot serves that matter.
        if (dc.MatchKey.Length > LongestNameLike && ChangeOfSubject.In(dc) is not null)
        {
            return PromptRecognition<string>.Failure(problem);
        }

        var name = Clean(dc.Activity.Text ?? string.Empty);
        if (!IsName(name))
        {
            return PromptRecognition<string>.Failure(problem);
        }

        return name.Length > maxLength
            ? PromptRecognition<string>.Failure(string.Format(CultureInfo.CurrentCulture, Texts.RetryTextTooLong, maxLength))
            : PromptRecognition<string>.Success(name);
    }

    public override bool AsksForBareAnswer(DialogInstance instance) => true;

    protected override bool ListensForOtherSubjects => true;

    protected override string DefaultHelp(PromptOptions options) => Texts.HelpText;

    /// <summary>
    /// The name in an answer: its last clause, without "我叫 / 他叫 / 名字是" before it. A mobile number typed with the name
    /// ("王芳 13800001111") is not part of it (the flow keeps the number for its phone question); a number with only words
    /// about it ("我电话138…") leaves no name.
    /// </summary>
    internal static string Clean(string text)
    {
        var withoutNumber = MobileNumber.Hide(text, " ");
        if (!string.Equals(withoutNumber, text, StringComparison.Ordinal) && ChineseText.HoldsAny(ChineseText.ToMatchKey(withoutNumber), PhoneWords))
        {
            return string.Empty;
        }

        text = SaidBefore.Remove(withoutNumber);
        var clauses = Clauses().Split(text.Trim()).Where(c => ChineseText.ToMatchKey(c).Length > 0).ToList();
        var last = clauses.Count > 0 ? clauses[^1].Trim() : text.Trim();
        var name = Introduction().Replace(last, string.Empty).Trim();
        return name.Length > 0 ? name : last;
    }

    internal static bool IsName(string text)
    {
        var key = ChineseText.ToMatchKey(text);
        var words = Vocabulary.Default;
        return key.Length > 0
            && !key.All(char.IsAsciiDigit)
            && MobileNumber.Find(ChineseText.Normalize(text)) is null
            && !Questions.IsQuestion(text)
            && !ChineseText.HoldsAny(key, words.Unknown)
            && !ChineseText.HoldsAny(key, Refusals)
            && !words.Skip.Contains(key) && !words.Yes.Contains(key) && !words.No.Contains(key);
    }

    [GeneratedRegex(@"[，,。.;；!！:：、]+", RegexOptions.CultureInvariant)]
    private static partial Regex Clauses();

    // "我叫", "我是", "他叫", "对方叫", "前夫叫", "名字是" before the name.
    [GeneratedRegex(@"^(?:我|本人|他|她|对方|老板|前夫|前妻|老公|老婆|邻居)?(?:的)?(?:名字|姓名)?(?:叫做|叫|是)\s*(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex Introduction();
}
