using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>Asks for a mainland mobile number; the answer is its 11 digits.</summary>
internal sealed class PhonePrompt(string id = PhonePrompt.DefaultId, PromptValidator<string>? validator = null)
    : Prompt<string>(id, validator)
{
    public const string DefaultId = nameof(PhonePrompt);

    protected override PromptRecognition<string> Recognize(DialogContext dc, PromptOptions options) =>
        MobileNumber.Find(dc.Text) is { } number
            ? PromptRecognition<string>.Success(number)
            : PromptRecognition<string>.Failure(Texts.RetryPhone);

    public override bool AsksForBareAnswer(DialogInstance instance) => true;

    protected override string DefaultHelp(PromptOptions options) => Texts.HelpPhone;
}
