using System.Globalization;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.GridWorker;

/// <summary>
/// 流动网格员: a registered worker sees points and this month's rank ("我的积分"); anyone can register or update
/// (name, mobile, platform, consent to the rules) through <see cref="IGridWorkerRegistry"/>.
/// </summary>
internal sealed class GridWorkerDialog : WaterfallDialog<GridWorkerState>
{
    public const string DialogId = "GridWorker";
    public const int MaxNameLength = 20;

    private const string NamePromptId = "GridWorkerName";

    // The platform options in display order; GigPlatform.None ("不属于平台") last.
    private static readonly GigPlatform[] Platforms =
        [GigPlatform.Meituan, GigPlatform.Eleme, GigPlatform.Didi, GigPlatform.SfExpress, GigPlatform.Other, GigPlatform.None];

    private readonly IGridWorkerRegistry _registry;

    public GridWorkerDialog(IGridWorkerRegistry registry)
        : base(DialogId)
    {
        _registry = registry;
        AddDialog(new NamePrompt(NamePromptId, MaxNameLength, Texts.RetryPersonName));
        AddSteps(StartStepAsync, NameStepAsync, MobileStepAsync, PlatformStepAsync, ConsentStepAsync, RegisterStepAsync);
    }

    /// <summary>Points for a registered worker (unless they asked to register); otherwise the offer to register.</summary>
    private async Task<DialogTurnResult> StartStepAsync(WaterfallStepContext<GridWorkerState> step, CancellationToken cancellationToken)
    {
        switch (step.Answer)
        {
            case true:
                return await step.NextAsync(cancellationToken).ConfigureAwait(false);
            case false:
                step.Context.SendText(Texts.GridWorkerNotNow);
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        var reporter = Reporters.From(step.Context.Activity);
        var wantsToRegister = step.Context.MatchKey.Contains("注册", StringComparison.Ordinal);
        var profile = await _registry.FindAsync(reporter.ChannelId, reporter.UserId, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return await step.BeginDialogAsync(
                ConfirmPrompt.DefaultId, new PromptOptions { Prompt = Texts.GridWorkerIntro, Help = Texts.GridWorkerHelpIntro }, cancellationToken).ConfigureAwait(false);
        }

        if (wantsToRegister)
        {
            var prompt = string.Format(CultureInfo.CurrentCulture, Texts.GridWorkerAlreadyRegistered, profile.Name, PlatformName(profile.Platform));
            return await step.BeginDialogAsync(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = prompt }, cancellationToken).ConfigureAwait(false);
        }

        var standing = await _registry.GetStandingAsync(reporter.ChannelId, reporter.UserId, cancellationToken).ConfigureAwait(false);
        step.Context.SendText(StandingText(profile, standing));
        return await step.EndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task<DialogTurnResult> NameStepAsync(WaterfallStepContext<GridWorkerState> step, CancellationToken cancellationToken) =>
        step.AskAsync<string>(NamePromptId, new PromptOptions { Prompt = Texts.GridWorkerAskName }, (s, name) => s with { Name = name }, cancellationToken);

    private static Task<DialogTurnResult> MobileStepAsync(WaterfallStepContext<GridWorkerState> step, CancellationToken cancellationToken) =>
        step.AskAsync<string>(PhonePrompt.DefaultId, new PromptOptions { Prompt = Texts.GridWorkerAskMobile }, (s, mobile) => s with { Mobile = mobile }, cancellationToken);

    private static Task<DialogTurnResult> PlatformStepAsync(WaterfallStepContext<GridWorkerState> step, CancellationToken cancellationToken) =>
        step.AskAsync<FoundChoice>(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = Texts.GridWorkerAskPlatform,
                RetryPrompt = Texts.GridWorkerRetryPlatform,
                Choices =
                [
                    new Choice(Texts.PlatformMeituan, ["美团外卖"]),
                    new Choice(Texts.PlatformEleme, ["饿了么外卖", "饿了吗"]),
                    new Choice(Texts.PlatformDidi, ["滴滴出行"]),
                    new Choice(Texts.PlatformSfExpress, ["顺丰速运"]),
                    // "快递", "外卖", "网约车" alone name a trade, not a platform: the retry asks which one.
                    new Choice(Texts.PlatformOther, ["其他", "京东", "中通", "圆通", "申通", "韵达", "极兔", "邮政", "菜鸟", "货拉拉", "快狗", "闪送", "达达", "跑腿", "曹操", "高德", "花小猪", "t3"]),
                    new Choice(Texts.PlatformNone, ["都不是", "没有平台", "个人"]),
                ],
            },
            (s, choice) => s with { Platform = Platforms[choice.Index] },
            cancellationToken);

    private static Task<DialogTurnResult> ConsentStepAsync(WaterfallStepContext<GridWorkerState> step, CancellationToken cancellationToken) =>
        step.AskAsync<bool>(
            ConfirmPrompt.DefaultId, new PromptOptions { Prompt = Texts.GridWorkerRules, Help = Texts.GridWorkerHelpRules }, (s, yes) => s with { Consented = yes }, cancellationToken);

    private async Task<DialogTurnResult> RegisterStepAsync(WaterfallStepContext<GridWorkerState> step, CancellationToken cancellationToken)
    {
        var s = step.State;
        if (!s.Consented)
        {
            step.Context.SendText(Texts.GridWorkerNoConsent);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        var reporter = Reporters.From(step.Context.Activity);
        var profile = await _registry.RegisterAsync(
            new GridWorkerRegistration(reporter.ChannelId, reporter.UserId, s.Name!, s.Mobile!, s.Platform), cancellationToken).ConfigureAwait(false);
        step.Context.SendText(string.Format(CultureInfo.CurrentCulture, Texts.GridWorkerRegistered, profile.Name, PlatformName(profile.Platform)));
        return await step.EndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string StandingText(GridWorkerProfile profile, GridWorkerStanding? standing)
    {
        if (standing is null)
        {
            return string.Format(CultureInfo.CurrentCulture, Texts.GridWorkerNoPoints, profile.Name);
        }

        var rank = standing.MonthRank is { } r
            ? string.Format(CultureInfo.CurrentCulture, Texts.GridWorkerRank, r)
            : Texts.GridWorkerNoRank;
        return string.Format(
            CultureInfo.CurrentCulture,
            Texts.GridWorkerStanding,
            profile.Name,
            standing.TotalPoints,
            standing.MonthPoints,
            rank,
            standing.AcceptedReports,
            standing.HighValueReports);
    }

    private static string PlatformName(GigPlatform platform) => platform switch
    {
        GigPlatform.Meituan => Texts.PlatformMeituan,
        GigPlatform.Eleme => Texts.PlatformEleme,
        GigPlatform.Didi => Texts.PlatformDidi,
        GigPlatform.SfExpress => Texts.PlatformSfExpress,
        GigPlatform.Other => Texts.PlatformOther,
        _ => Texts.PlatformNone,
    };
}
