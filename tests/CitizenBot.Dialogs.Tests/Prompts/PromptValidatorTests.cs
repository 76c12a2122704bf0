using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Tests.Harness;
using CitizenBot.Dialogs.Flows;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Dialogs.Tests.Prompts;

public sealed class PromptValidatorTests
{
    private const string Ask = "请问怎么称呼您？";
    private const string TooShort = "称呼至少要两个字。";

    [Fact]
    public async Task ContinueAsync_ValidatorRejects_RetrySaysWhyThenWayOutOnThirdFailure()
    {
        using var bot = CreateSut();
        await bot.SayAsync("你好");
        Assert.Equal(Ask, Assert.Single(await bot.SayAsync("称呼")).Text);

        Assert.Equal(TooShort + "\n" + Ask, Assert.Single(await bot.SayAsync("王")).Text);
        Assert.Equal(TooShort + "\n" + Ask, Assert.Single(await bot.SayAsync("李")).Text);
        var wayOut = Assert.Single(await bot.SayAsync("张"));

        Assert.StartsWith(TooShort + "\n", wayOut.Text, StringComparison.Ordinal);
        Assert.Equal(["返回主菜单", "人工", "取消"], wayOut.SuggestedActions!.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task ContinueAsync_ValidatorAccepts_FlowEndsWithTheAnswer()
    {
        using var bot = CreateSut();
        await bot.SayAsync("你好");
        await bot.SayAsync("称呼");

        var replies = await bot.SayAsync("王小明");

        Assert.Equal("好的，王小明。", replies[0].Shown());
        Assert.Empty(bot.State.Stack);
    }

    private static TestBot CreateSut() =>
        TestBot.Create(services => services.AddFlow<NameDialog>(new MenuEntry("name", "称呼", NameDialog.DialogId, 30)));

    private sealed class NameDialog : WaterfallDialog<NameDialog.NameState>
    {
        public const string DialogId = "TestName";
        private const string NamePromptId = "TestName.NamePrompt";

        public NameDialog()
            : base(DialogId)
        {
            // A prompt with its own validator is added by the flow, as in Bot Framework's AddDialog.
            AddDialog(new TextPrompt(NamePromptId, validator: (name, _) => ValueTask.FromResult(name.Length >= 2 ? null : TooShort)));
            AddSteps(NameStepAsync, DoneStepAsync);
        }

        private static Task<DialogTurnResult> NameStepAsync(WaterfallStepContext<NameState> step, CancellationToken cancellationToken) =>
            step.AskAsync<string>(NamePromptId, new PromptOptions { Prompt = Ask }, (s, name) => s with { Name = name }, cancellationToken);

        private static Task<DialogTurnResult> DoneStepAsync(WaterfallStepContext<NameState> step, CancellationToken cancellationToken)
        {
            step.Context.SendText($"好的，{step.State.Name}。");
            return step.EndAsync(cancellationToken);
        }

        internal sealed record NameState
        {
            public string? Name { get; init; }
        }
    }
}
