using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>Asks to pick one of <see cref="PromptOptions.Choices"/>: by number, by title or by a synonym.</summary>
internal sealed class ChoicePrompt(string id = ChoicePrompt.DefaultId, PromptValidator<FoundChoice>? validator = null)
    : Prompt<FoundChoice>(id, validator)
{
    public const string DefaultId = nameof(ChoicePrompt);

    protected override PromptRecognition<FoundChoice> Recognize(DialogContext dc, PromptOptions options) =>
        ChoiceRecognizer.Recognize(dc.MatchKey, Choices(options));

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem) =>
        dc.SendChoices(Question(options, problem), [.. Choices(options).Select(c => c.Value)]);

    protected override string DefaultHelp(PromptOptions options) => Texts.HelpChoice;

    private IReadOnlyList<Choice> Choices(PromptOptions options) =>
        options.Choices is { Count: > 0 } choices
            ? choices
            : throw new InvalidOperationException($"Choice prompt '{Id}' was begun without choices.");
}
