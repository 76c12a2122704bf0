using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Shows what will be submitted and asks to confirm it: yes, no, or which part to change. <see cref="PromptOptions.Choices"/>
/// are the parts that can be changed ("位置" with its other words "地址", "地点"); a message that names one and asks to
/// change it ("地址写错了，是15号"), or only names it ("改地址"), changes that part; "修改" or "不对" alone asks which.
/// </summary>
internal sealed class SummaryPrompt() : Prompt<SummaryAnswer>(DefaultId, validator: null)
{
    public const string DefaultId = nameof(SummaryPrompt);

    /// <summary>A message naming a part with at most this many other letters is a wish to change it ("地址", "位置呢").</summary>
    private const int MaxBarePartExtra = 2;

    /// <summary>How near after a part's name the words saying it is right must come ("地址都没问题").</summary>
    private const int MaxSaidRightDistance = 5;

    protected override PromptRecognition<SummaryAnswer> Recognize(DialogContext dc, PromptOptions options)
    {
        var answer = Read(dc.MatchKey, options.Choices ?? []);
        return answer is null ? PromptRecognition<SummaryAnswer>.Failure(Texts.RetrySummary) : PromptRecognition<SummaryAnswer>.Success(answer);
    }

    /// <summary>What a match key answers to a summary with these changeable parts; null when it is not clear.</summary>
    internal static SummaryAnswer? Read(string key, IReadOnlyList<Choice> parts)
    {
        if (key.Length == 0)
        {
            return null;
        }

        // The common answer, a bare yes ("是", "确认提交"), needs no look for parts.
        if (Vocabulary.Default.Yes.Contains(key))
        {
            return new SummaryAnswer(Confirmed: true);
        }

        if (string.Equals(key, ChineseText.ToMatchKey(Texts.SummaryChangeButton), StringComparison.Ordinal))
        {
            return SummaryAnswer.ChangeSomething;
        }

        var asksChange = AsksChange(key);
        var named = NamedPart(key, parts);
        if (named is var (part, word) && (asksChange || key.Length <= word.Length + MaxBarePartExtra || !SaidRight(key, word)))
        {
            // A part named at the summary is almost always a correction, whatever else is said ("没问题提交吧，哦对了
            // 地点是东门菜市场北边"): never submitted with the old answer. Only "地址没错" leaves it as it is.
            return new SummaryAnswer(Confirmed: null, part);
        }

        if (asksChange)
        {
            return SummaryAnswer.ChangeSomething;
        }

        // A part named and not asked to change ("地址没错，提交") is only mentioned: the rest says yes or no.
        var rest = named is { Word: var mentioned } ? key.Replace(mentioned, string.Empty, StringComparison.Ordinal) : key;
        return ConfirmRecognizer.Recognize(rest) is { } yes ? new SummaryAnswer(yes) : null;
    }

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem) =>
        dc.SendText(Join(Question(options, problem), Texts.SummaryHint), OfferedAnswers(options));

    public override IReadOnlyList<string> OfferedAnswers(DialogInstance instance) => OfferedAnswers(DialogJson.Read<PromptState>(instance).Options);

    protected override bool ListensForOtherSubjects => true;

    /// <summary>Yes, no or a part's name: a sentence here is most likely an answer too (<see cref="Dialog.AsksForBareAnswer"/>).</summary>
    public override bool AsksForBareAnswer(DialogInstance instance) => true;

    protected override string DefaultHelp(PromptOptions options) => Texts.HelpSummary;

    private static IReadOnlyList<string> OfferedAnswers(PromptOptions options) =>
        options.Choices is { Count: > 0 } ? [Texts.ConfirmYes, Texts.SummaryChangeButton, Texts.ConfirmNo] : [Texts.ConfirmYes, Texts.ConfirmNo];

    /// <summary>A change word after the words that say it is right as it is ("没错", "不用改") are taken out.</summary>
    private static bool AsksChange(string key)
    {
        var vocabulary = Vocabulary.Default;
        foreach (var unchanged in vocabulary.Unchanged)
        {
            key = key.Replace(unchanged, " ", StringComparison.Ordinal);
        }

        return vocabulary.Change.Any(word => key.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>The part is said to be right as it is: "没错", "对的" right after its name ("地址没错", "地点对的").</summary>
    private static bool SaidRight(string key, string word)
    {
        var at = key.IndexOf(word, StringComparison.Ordinal) + word.Length;
        var after = key[at..Math.Min(key.Length, at + MaxSaidRightDistance)];
        return ChineseText.HoldsAny(after, Vocabulary.Default.Unchanged);
    }

    /// <summary>The part named first in the message, and the word that named it.</summary>
    private static (int Part, string Word)? NamedPart(string key, IReadOnlyList<Choice> parts)
    {
        (int Part, string Word, int At)? first = null;
        for (var i = 0; i < parts.Count; i++)
        {
            foreach (var word in (IEnumerable<string>)[parts[i].Value, .. parts[i].Synonyms ?? []])
            {
                var wordKey = ChineseText.ToMatchKey(word);
                var at = wordKey.Length == 0 ? -1 : key.IndexOf(wordKey, StringComparison.Ordinal);
                if (at >= 0 && (first is null || at < first.Value.At || (at == first.Value.At && wordKey.Length > first.Value.Word.Length)))
                {
                    first = (i, wordKey, at);
                }
            }
        }

        return first is { } found ? (found.Part, found.Word) : null;
    }
}

/// <summary>
/// The answer to a summary: <paramref name="Confirmed"/> yes or no; or the index of the part to change
/// (<paramref name="Part"/>); or neither, when the citizen wants to change something and has not said what.
/// </summary>
internal sealed record SummaryAnswer(bool? Confirmed, int? Part = null)
{
    public static readonly SummaryAnswer ChangeSomething = new(Confirmed: null);
}
