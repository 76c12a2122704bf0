using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>Asks a yes/no question; the answer is a bool.</summary>
internal sealed class ConfirmPrompt(string id = ConfirmPrompt.DefaultId, PromptValidator<bool>? validator = null)
    : Prompt<bool>(id, validator)
{
    public const string DefaultId = nameof(ConfirmPrompt);

    protected override PromptRecognition<bool> Recognize(DialogContext dc, PromptOptions options) =>
        ConfirmRecognizer.Recognize(dc.MatchKey) is { } answer
            ? PromptRecognition<bool>.Success(answer)
            : PromptRecognition<bool>.Failure(Texts.RetryConfirm);

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem) =>
        dc.SendText(Join(Question(options, problem), Texts.ConfirmHint), [Texts.ConfirmYes, Texts.ConfirmNo]);

    protected override bool ListensForOtherSubjects => true;

    /// <summary>Yes or no: a sentence here is most likely an answer too (<see cref="Dialog.AsksForBareAnswer"/>).</summary>
    public override bool AsksForBareAnswer(DialogInstance instance) => true;

    protected override string DefaultHelp(PromptOptions options) => Texts.HelpConfirm;
}
