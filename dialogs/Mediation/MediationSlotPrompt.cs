using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Mediation;

/// <summary>The answer to the slot question: an offered slot, "more times", or a time asked for in words.</summary>
internal sealed record SlotAnswer(int? Index = null, bool More = false, TimeWish? Wish = null);

/// <summary>
/// The slot question: the offered slots and 更多时间 as options; a time in words (明天下午, 周三, 12月9号) is an answer
/// too, read before numbers so that 周一 is Monday and not option 1.
/// </summary>
internal sealed class MediationSlotPrompt(TimeProvider time) : Prompt<SlotAnswer>(DefaultId, validator: null)
{
    public const string DefaultId = nameof(MediationSlotPrompt);

    private static readonly string[] MoreWords = ["更多", "更多时间", "其他时间", "别的时间", "换个时间", "还有别的", "还有其他", "下一页"];

    protected override PromptRecognition<SlotAnswer> Recognize(DialogContext dc, PromptOptions options)
    {
        var choices = options.Choices ?? [];
        var exact = choices.Select((c, i) => (c, i)).FirstOrDefault(x => ChineseText.ToMatchKey(x.c.Value) == dc.MatchKey);
        if (exact.c is null)
        {
            if (MediationTimes.ProblemWith(dc.Text, time.GetUtcNow()) is { } problem)
            {
                return PromptRecognition<SlotAnswer>.Failure(problem);
            }

            if (MediationTimes.Read(dc.Text, time.GetUtcNow()) is { } wish)
            {
                return PromptRecognition<SlotAnswer>.Success(new SlotAnswer(Wish: wish));
            }

            if (MoreWords.Any(w => dc.MatchKey.StartsWith(ChineseText.ToMatchKey(w), StringComparison.Ordinal)))
            {
                return PromptRecognition<SlotAnswer>.Success(new SlotAnswer(More: true));
            }
        }

        var found = ChoiceRecognizer.Recognize(dc.MatchKey, choices);
        if (!found.Succeeded)
        {
            return PromptRecognition<SlotAnswer>.Failure(found.Problem!);
        }

        // The last option is 更多时间.
        return PromptRecognition<SlotAnswer>.Success(found.Value!.Index == choices.Count - 1 ? new SlotAnswer(More: true) : new SlotAnswer(found.Value.Index));
    }

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem) =>
        dc.SendChoices(Question(options, problem), [.. (options.Choices ?? []).Select(c => c.Value)]);

    protected override bool ListensForOtherSubjects => true;

    protected override string DefaultHelp(PromptOptions options) => Texts.MediationHelpSlot;
}
