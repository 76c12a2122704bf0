using System.Globalization;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Tests.Flows;

/// <summary>
/// A test-only multi-step flow (name → phone → photo → location → confirm) that exercises every prompt before
/// the real flows exist. Its texts are test data, so they live here.
/// </summary>
internal sealed class TestIntakeDialog : WaterfallDialog<IntakeState>
{
    public const string DialogId = "TestIntake";

    public const string AskName = "请问怎么称呼您？";
    public const string AskPhone = "请留一个手机号，方便工作人员联系您。";
    public const string AskPhoto = "请拍一张现场照片发给我。";
    public const string AskLocation = "请发送位置，或输入详细地址。";
    public const string Submitted = "已提交，编号T-0001。";
    public const string NotSubmitted = "好的，没有提交。";

    public TestIntakeDialog()
        : base(DialogId)
    {
        AddSteps(NameStepAsync, PhoneStepAsync, PhotoStepAsync, LocationStepAsync, ConfirmStepAsync, SubmitStepAsync);
    }

    private static Task<DialogTurnResult> NameStepAsync(WaterfallStepContext<IntakeState> step, CancellationToken cancellationToken) =>
        step.AskAsync<string>(TextPrompt.DefaultId, new PromptOptions { Prompt = AskName }, (s, name) => s with { Name = name }, cancellationToken);

    private static Task<DialogTurnResult> PhoneStepAsync(WaterfallStepContext<IntakeState> step, CancellationToken cancellationToken) =>
        step.AskAsync<string>(PhonePrompt.DefaultId, new PromptOptions { Prompt = AskPhone }, (s, phone) => s with { Phone = phone }, cancellationToken);

    private static Task<DialogTurnResult> PhotoStepAsync(WaterfallStepContext<IntakeState> step, CancellationToken cancellationToken) =>
        step.AskAsync<IReadOnlyList<Channels.Activities.Attachment>>(
            PhotoPrompt.DefaultId, new PromptOptions { Prompt = AskPhoto, Optional = true }, (s, photos) => s with { Photos = photos }, cancellationToken);

    private static Task<DialogTurnResult> LocationStepAsync(WaterfallStepContext<IntakeState> step, CancellationToken cancellationToken) =>
        step.AskAsync<LocationAnswer>(
            LocationPrompt.DefaultId, new PromptOptions { Prompt = AskLocation }, (s, location) => s with { Location = location }, cancellationToken);

    private static Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<IntakeState> step, CancellationToken cancellationToken)
    {
        var s = step.State;
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"请确认：\n称呼：{s.Name}\n电话：{Mask(s.Phone)}\n照片：{s.Photos.Count}张\n地点：{s.Location?.Address}\n是否提交？");
        return step.AskAsync<bool>(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = summary }, (state, yes) => state with { Confirmed = yes }, cancellationToken);
    }

    private static Task<DialogTurnResult> SubmitStepAsync(WaterfallStepContext<IntakeState> step, CancellationToken cancellationToken)
    {
        step.Context.SendText(step.State.Confirmed ? Submitted : NotSubmitted);
        return step.EndAsync(cancellationToken);
    }

    private static string Mask(string? phone) => phone is { Length: 11 } ? phone[..3] + "****" + phone[7..] : string.Empty;
}
