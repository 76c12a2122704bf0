using System.Globalization;
using System.Text;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.LegalAid;

/// <summary>
/// Whether the citizen can get legal aid (法律援助法): the matter (第三十一条 list, 第三十二条 no-means-test cases,
/// criminal cases 第二十四条), then only the questions that still matter: migrant worker (第四十二条(三): no means
/// test for pay and work-injury claims), the other exempt groups (第四十二条), and the province's hardship standard
/// from configuration. Ends with where and how to apply. It is guidance: the legal-aid agency decides.
/// </summary>
internal sealed class EligibilityDialog : WaterfallDialog<EligibilityState>
{
    public const string DialogId = "LegalAidEligibility";

    private static readonly HashSet<LegalAidMatter> MeansTested =
    [
        LegalAidMatter.Wages, LegalAidMatter.WorkInjury, LegalAidMatter.OtherInjury, LegalAidMatter.Support, LegalAidMatter.Benefits,
    ];

    private readonly LegalAidOptions _options;

    public EligibilityDialog(IOptions<LegalAidOptions> options)
        : base(DialogId)
    {
        _options = options.Value;
        AddSteps(MatterStepAsync, MigrantStepAsync, ExemptStepAsync, MeansStepAsync, ResultStepAsync);
    }

    public override string? GetHelp(DialogInstance instance) => Texts.LegalAidEligibilityHelp;

    private static Task<DialogTurnResult> MatterStepAsync(WaterfallStepContext<EligibilityState> step, CancellationToken cancellationToken) =>
        step.AskAsync<FoundChoice>(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = Texts.LegalAidMatterPrompt,
                Choices =
                [
                    new Choice(Texts.LegalAidMatterWages, ["工资", "欠薪", "讨薪", "劳动关系"]),
                    new Choice(Texts.LegalAidMatterWorkInjury, ["工伤"]),
                    new Choice(Texts.LegalAidMatterOtherInjury, ["交通事故", "车祸", "医疗事故"]),
                    new Choice(Texts.LegalAidMatterSupport, ["赡养费", "抚养费", "扶养费"]),
                    new Choice(Texts.LegalAidMatterBenefits, ["社保", "低保", "抚恤金", "国家赔偿"]),
                    new Choice(Texts.LegalAidMatterAbuse, ["家暴", "家庭暴力", "虐待", "遗弃"]),
                    new Choice(Texts.LegalAidMatterSamaritan, ["见义勇为"]),
                    new Choice(Texts.LegalAidMatterCriminal, ["刑事"]),
                    new Choice(Texts.LegalAidMatterOther, ["其他"]),
                ],
            },
            (s, matter) => s with { Matter = (LegalAidMatter)matter.Index },
            cancellationToken);

    private static Task<DialogTurnResult> MigrantStepAsync(WaterfallStepContext<EligibilityState> step, CancellationToken cancellationToken) =>
        step.State.Matter is LegalAidMatter.Wages or LegalAidMatter.WorkInjury
            ? step.AskAsync<bool>(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = Texts.LegalAidMigrantPrompt }, (s, yes) => s with { MigrantWorker = yes }, cancellationToken)
            : step.NextAsync(cancellationToken);

    private static Task<DialogTurnResult> ExemptStepAsync(WaterfallStepContext<EligibilityState> step, CancellationToken cancellationToken) =>
        NeedsMore(step.State)
            ? step.AskAsync<bool>(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = Texts.LegalAidExemptPrompt }, (s, yes) => s with { ExemptGroup = yes }, cancellationToken)
            : step.NextAsync(cancellationToken);

    private Task<DialogTurnResult> MeansStepAsync(WaterfallStepContext<EligibilityState> step, CancellationToken cancellationToken) =>
        NeedsMore(step.State)
            ? step.AskAsync<bool>(
                ConfirmPrompt.DefaultId,
                new PromptOptions { Prompt = string.Format(CultureInfo.CurrentCulture, Texts.LegalAidMeansPrompt, _options.Province, _options.HardshipStandard) },
                (s, yes) => s with { MeetsHardshipStandard = yes },
                cancellationToken)
            : step.NextAsync(cancellationToken);

    private Task<DialogTurnResult> ResultStepAsync(WaterfallStepContext<EligibilityState> step, CancellationToken cancellationToken)
    {
        step.Context.SendText(Verdict(step.State));
        step.Context.SendText(HowToApply());
        return step.EndAsync(cancellationToken);
    }

    // Still undecided: a means-tested matter and no exemption found yet.
    private static bool NeedsMore(EligibilityState state) =>
        state.Matter is { } matter && MeansTested.Contains(matter) && state.MigrantWorker != true && state.ExemptGroup != true;

    private string Verdict(EligibilityState state) => state switch
    {
        { Matter: LegalAidMatter.Abuse or LegalAidMatter.Samaritan } => Texts.LegalAidVerdictNoMeansTest,
        { Matter: LegalAidMatter.Criminal } => Texts.LegalAidVerdictCriminal,
        { Matter: LegalAidMatter.Other } => string.Format(CultureInfo.CurrentCulture, Texts.LegalAidVerdictOther, _options.LegalHotline),
        { MigrantWorker: true } => Texts.LegalAidVerdictMigrant,
        { ExemptGroup: true } => Texts.LegalAidVerdictExempt,
        { MeetsHardshipStandard: true } => Texts.LegalAidVerdictMeans,
        _ => string.Format(CultureInfo.CurrentCulture, Texts.LegalAidVerdictNotPoor, _options.LegalHotline),
    };

    private string HowToApply()
    {
        var contact = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(_options.CenterAddress))
        {
            contact.Append(string.Format(CultureInfo.CurrentCulture, Texts.LegalAidCenterAddress, _options.CenterAddress));
        }

        if (!string.IsNullOrWhiteSpace(_options.CenterPhone))
        {
            contact.Append(string.Format(CultureInfo.CurrentCulture, Texts.LegalAidCenterPhone, _options.CenterPhone));
        }

        return string.Format(CultureInfo.CurrentCulture, Texts.LegalAidHowToApply, _options.CenterName, contact, _options.LegalHotline);
    }
}
