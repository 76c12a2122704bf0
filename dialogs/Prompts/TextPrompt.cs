using System.Globalization;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>Asks for free text; the answer is what the user typed, trimmed, as typed (not converted).</summary>
/// <param name="bareAnswer">The text asked for is a bare answer (a name), not a story (a description, the facts).</param>
internal sealed class TextPrompt(
    string id = TextPrompt.DefaultId, int maxLength = TextPrompt.DefaultMaxLength, PromptValidator<string>? validator = null, bool bareAnswer = false)
    : Prompt<string>(id, validator)
{
    public const string DefaultId = nameof(TextPrompt);
    public const int DefaultMaxLength = 500;

    protected override PromptRecognition<string> Recognize(DialogContext dc, PromptOptions options)
    {
        var text = dc.Activity.Text?.Trim() ?? string.Empty;
        if (dc.MatchKey.Length == 0)
        {
            return PromptRecognition<string>.Failure(Texts.RetryTextMissing);
        }

        return text.Length > maxLength
            ? PromptRecognition<string>.Failure(string.Format(CultureInfo.CurrentCulture, Texts.RetryTextTooLong, maxLength))
            : PromptRecognition<string>.Success(text);
    }

    public override bool AsksForBareAnswer(DialogInstance instance) => bareAnswer;

    protected override string DefaultHelp(PromptOptions options) => Texts.HelpText;
}
