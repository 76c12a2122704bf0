using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Asks to pick one of <see cref="PromptOptions.Choices"/>: by number, by title or by a synonym; a whole sentence by what
/// the understanding model makes of it, or by <paramref name="readSentence"/> when the prompt's flow knows its sentences better.
/// Its answers are picks (<see cref="Dialog.AsksForBareAnswer"/>): a sentence there is most likely an answer too.
/// </summary>
internal sealed class ChoicePrompt(
    string id = ChoicePrompt.DefaultId, PromptValidator<FoundChoice>? validator = null, ChoiceSentenceReader? readSentence = null)
    : Prompt<FoundChoice>(id, validator)
{
    public const string DefaultId = nameof(ChoicePrompt);

    /// <summary>Shorter answers are words for an option, not sentences to understand.</summary>
    private const int MinSentenceLength = 4;

    /// <summary>A sentence picks an option when this share of what the model gives all options goes to it.</summary>
    private const float MinShare = 0.5f;

    /// <summary>…and the options together get at least this much (the sentence is about them at all).</summary>
    private const float MinTotal = 0.2f;

    protected override PromptRecognition<FoundChoice> Recognize(DialogContext dc, PromptOptions options)
    {
        var choices = Choices(options);
        var read = Read(dc, choices);
        return read.Succeeded ? read : readSentence?.Invoke(dc, choices) ?? read;
    }

    /// <summary>The option a message picks: by its words (number, title, synonym), else by what a whole sentence means.</summary>
    internal static PromptRecognition<FoundChoice> Read(DialogContext dc, IReadOnlyList<Choice> choices)
    {
        var byWords = ChoiceRecognizer.Recognize(dc.MatchKey, choices);
        return byWords.Succeeded || ByMeaning(dc, choices) is not { } index
            ? byWords
            : PromptRecognition<FoundChoice>.Success(new FoundChoice(index, choices[index].Value, BySentence: true));
    }

    /// <summary>The option a whole sentence means, by the understanding model; null when it is not clear.</summary>
    private static int? ByMeaning(DialogContext dc, IReadOnlyList<Choice> choices)
    {
        if (!choices.Any(c => c.Meanings is { Count: > 0 }) || dc.MatchKey.Length < MinSentenceLength)
        {
            return null;
        }

        var model = dc.Understanding.Model;
        var scores = choices.Select(c => (c.Meanings ?? []).Sum(model.ProbabilityOfLabel)).ToList();
        var total = scores.Sum();
        var best = scores.IndexOf(scores.Max());
        return total >= MinTotal && scores[best] / total >= MinShare ? best : null;
    }

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem)
    {
        var question = Question(options, problem);
        var buttons = Choices(options).Select(c => c.Value).ToList();
        if (options.List is { } list)
        {
            dc.SendCard(list.ToReply(question), buttons);
        }
        else
        {
            dc.SendChoices(question, buttons);
        }
    }

    protected override bool ListensForOtherSubjects => true;

    public override bool AsksForBareAnswer(DialogInstance instance) => true;

    protected override string DefaultHelp(PromptOptions options) => Texts.HelpChoice;

    private IReadOnlyList<Choice> Choices(PromptOptions options) =>
        options.Choices is { Count: > 0 } choices
            ? choices
            : throw new InvalidOperationException($"Choice prompt '{Id}' was begun without choices.");
}
