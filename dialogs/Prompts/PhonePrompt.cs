using System.Text.RegularExpressions;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Asks for a mainland mobile number; the answer is its 11 digits. With <paramref name="acceptsLandline"/> (a number only
/// to be called back on, as a report's contact), a landline with its area code ("0371-12345678") will do too: not every
/// resident has a mobile. With <paramref name="anonymousAllowed"/>, "匿名" answers <see cref="AnonymousWish.Answer"/>.
/// </summary>
internal sealed partial class PhonePrompt(string id = PhonePrompt.DefaultId, PromptValidator<string>? validator = null, bool acceptsLandline = false, bool anonymousAllowed = false)
    : Prompt<string>(id, validator)
{
    public const string DefaultId = nameof(PhonePrompt);

    protected override PromptRecognition<string> Recognize(DialogContext dc, PromptOptions options)
    {
        if (anonymousAllowed && AnonymousWish.In(dc.MatchKey))
        {
            return PromptRecognition<string>.Success(AnonymousWish.Answer);
        }

        if (MobileNumber.Find(dc.Text) is { } number)
        {
            return PromptRecognition<string>.Success(number);
        }

        if (acceptsLandline && Landline().Match(dc.Text) is { Success: true } landline)
        {
            var local = string.Concat(landline.Groups["local"].Value.Where(char.IsAsciiDigit));
            return PromptRecognition<string>.Success(landline.Groups["area"].Value + "-" + local);
        }

        return PromptRecognition<string>.Failure(acceptsLandline ? Texts.RetryPhoneOrLandline : Texts.RetryPhone);
    }

    public override bool AsksForBareAnswer(DialogInstance instance) => true;

    protected override string DefaultHelp(PromptOptions options) => Texts.HelpPhone;

    [GeneratedRegex(@"(?<![0-9])(?<area>0[1-9][0-9]{1,2})[\s\-－—)）]*(?<local>[2-9](?:[\s\-]?[0-9]){6,7})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Landline();
}
