using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Report;

/// <summary>
/// Asks whether the citizen leaves a way to reach them: "留下联系方式" or "匿名上报", as buttons or in words; a mobile
/// number typed instead answers it too (people answer "是否留下联系方式" with the number itself), and is kept.
/// </summary>
internal sealed class ReportContactPrompt() : Prompt<ContactAnswer>(DefaultId, validator: null)
{
    public const string DefaultId = "ReportContact";

    private static readonly Choice[] Options =
    [
        new(Texts.ReportContactLeave, ["留", "实名", "联系我"]),
        new(Texts.ReportContactAnonymous, ["匿名", "不留"]),
    ];

    public static PromptOptions Asking => new()
    {
        Prompt = Texts.ReportAskContact,
        Help = Texts.ReportHelpContact,
        Choices = Options,
    };

    protected override PromptRecognition<ContactAnswer> Recognize(DialogContext dc, PromptOptions options)
    {
        if (MobileNumber.Find(dc.Text) is { } phone)
        {
            return PromptRecognition<ContactAnswer>.Success(new ContactAnswer(Anonymous: false, phone));
        }

        if (AnonymousWish.In(dc.MatchKey))
        {
            return PromptRecognition<ContactAnswer>.Success(new ContactAnswer(Anonymous: true, Phone: null));
        }

        var choice = ChoiceRecognizer.Recognize(dc.MatchKey, Options);
        return choice.Succeeded
            ? PromptRecognition<ContactAnswer>.Success(new ContactAnswer(Anonymous: choice.Value!.Index == 1, Phone: null))
            : PromptRecognition<ContactAnswer>.Failure(Texts.ReportRetryContact);
    }

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem) =>
        dc.SendChoices(Question(options, problem), [.. Options.Select(o => o.Value)]);

    protected override bool ListensForOtherSubjects => true;

    /// <summary>A question with options: a sentence here is most likely an answer too (<see cref="Dialog.AsksForBareAnswer"/>).</summary>
    public override bool AsksForBareAnswer(DialogInstance instance) => true;

    protected override string DefaultHelp(PromptOptions options) => Texts.ReportHelpContact;
}

/// <summary>Anonymous, or not; with the mobile number when the citizen typed it as their answer.</summary>
internal sealed record ContactAnswer(bool Anonymous, string? Phone);
