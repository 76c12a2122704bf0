using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Tests.Flows;

/// <summary>A test-only one-question flow around a choice prompt with synonyms.</summary>
internal sealed class TestDisputeDialog : WaterfallDialog<TestDisputeDialog.DisputeState>
{
    public const string DialogId = "TestDispute";

    public TestDisputeDialog()
        : base(DialogId)
    {
        AddSteps(KindStepAsync, DoneStepAsync);
    }

    private static Task<DialogTurnResult> KindStepAsync(WaterfallStepContext<DisputeState> step, CancellationToken cancellationToken) =>
        step.AskAsync<FoundChoice>(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = "请选择纠纷类型：",
                Choices = [new Choice("劳动纠纷", ["工资", "欠薪"]), new Choice("邻里纠纷", ["邻居"]), new Choice("婚姻家庭", ["离婚"])],
            },
            (s, kind) => s with { Kind = kind.Value },
            cancellationToken);

    private static Task<DialogTurnResult> DoneStepAsync(WaterfallStepContext<DisputeState> step, CancellationToken cancellationToken)
    {
        step.Context.SendText("已选择：" + step.State.Kind);
        return step.EndAsync(cancellationToken);
    }

    internal sealed record DisputeState
    {
        public string? Kind { get; init; }
    }
}
