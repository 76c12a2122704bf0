using System.Text.Json.Nodes;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Interruptions;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Tests.Flows;
using CitizenBot.Dialogs.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Tests;

public sealed class DialogBotTests
{
    [Fact]
    public async Task OnTurnAsync_SavedFlowHasOtherStepCount_RestartsThatFlowPolitely()
    {
        using var bot = TestBot.Create();
        await bot.SayAsync("1");
        await bot.SayAsync("王小明");
        var state = bot.State;
        state.Stack[0].Version = TestIntakeDialog.DialogId + ":4";
        bot.State = state;

        var replies = await bot.SayAsync("13800138000");

        Assert.Equal([Texts.FlowRestarted, TestIntakeDialog.AskName], replies.Select(r => r.Shown()));
        Assert.Equal(TestIntakeDialog.DialogId + ":6", bot.State.Stack[0].Version);
    }

    [Fact]
    public async Task OnTurnAsync_SavedQuestionAnswersWithAnotherType_RestartsThatFlowPolitely()
    {
        // A conversation saved by a build whose contact question was a plain choice, continued by this build.
        using var bot = TestBot.CreateWithFlows();
        await bot.SayAsync("事件上报");
        await bot.SayAsync("3");
        await bot.SayAsync("跳过");
        await bot.SayAsync("城关镇人民路25号");
        await bot.SayAsync("路边垃圾堆了一个星期没人清");
        var state = bot.State;
        Assert.Equal("ReportContact", state.Stack[^1].Id);
        state.Stack[^1].Id = state.Stack[^1].Version = "ChoicePrompt";
        bot.State = state;

        var replies = await bot.SayAsync("匿名上报");

        Assert.Equal(Texts.FlowRestarted, replies[0].Shown());
    }

    [Fact]
    public async Task OnTurnAsync_CancelWhileSavedFlowIsStale_Cancels()
    {
        using var bot = TestBot.Create();
        await bot.SayAsync("1");
        var state = bot.State;
        state.Stack[0].Version = TestIntakeDialog.DialogId + ":4";
        bot.State = state;

        var replies = await bot.SayAsync("取消");

        Assert.Equal(Texts.Cancelled, replies[0].Shown());
        Assert.Empty(bot.State.Stack);
    }

    [Fact]
    public async Task OnTurnAsync_SavedDialogNoLongerExists_ShowsMenu()
    {
        using var bot = TestBot.Create();
        await bot.SayAsync("你好");
        var state = bot.State;
        state.Stack.Add(new DialogInstance { Id = "RemovedFlow", Version = "RemovedFlow:3" });
        bot.State = state;

        var reply = Assert.Single(await bot.SayAsync("随便"));

        Assert.StartsWith(Texts.FlowRestarted, reply.Shown(), StringComparison.Ordinal);
        Assert.Contains(TestBot.ReportTitle, reply.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Empty(bot.State.Stack);
    }

    [Fact]
    public async Task OnTurnAsync_SavedStateUnreadable_RestartsThatFlow()
    {
        using var bot = TestBot.Create();
        await bot.SayAsync("1");
        var state = bot.State;
        state.Stack[0].State = new JsonObject { ["step"] = "not a number" };
        bot.State = state;

        var replies = await bot.SayAsync("王小明");

        Assert.Equal([Texts.FlowRestarted, TestIntakeDialog.AskName], replies.Select(r => r.Shown()));
    }

    [Fact]
    public async Task OnTurnAsync_OnlyTheBotJoined_SaysNothing()
    {
        using var bot = TestBot.Create();

        var replies = await bot.SendAsync(TestActivities.Join(TestActivities.BotId));

        Assert.Empty(replies);
    }

    [Fact]
    public async Task OnTurnAsync_UserJoinsTwice_IsGreetedOnce()
    {
        using var bot = TestBot.Create();

        Assert.Single(await bot.SendAsync(TestActivities.Join()));
        Assert.Empty(await bot.SendAsync(TestActivities.Join()));
    }

    [Fact]
    public async Task OnTurnAsync_TypingOrEvent_IsIgnored()
    {
        using var bot = TestBot.Create();

        Assert.Empty(await bot.SendAsync(new Activity { Type = ActivityTypes.Typing }));
        Assert.Empty(await bot.SendAsync(new Activity { Type = ActivityTypes.Event, Name = "x" }));
    }

    [Fact]
    public async Task OnTurnAsync_Replies_ArePlainMessagesAddressedToTheUser()
    {
        using var bot = TestBot.Create();
        var inbound = TestActivities.Message("你好");

        var reply = Assert.Single(await bot.SendAsync(inbound));

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal(TextFormats.Plain, reply.TextFormat);
        Assert.Equal(TestActivities.UserId, reply.Recipient?.Id);
        Assert.Equal(TestActivities.BotId, reply.From?.Id);
        Assert.Equal(inbound.Id, reply.ReplyToId);
        Assert.Equal(inbound.Conversation?.Id, reply.Conversation?.Id);
        Assert.Equal([TestBot.ReportTitle, TestBot.MediationTitle], reply.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.All(reply.SuggestedActions.Actions, a => Assert.Equal("imBack", a.Type));
    }

    [Fact]
    public async Task OnTurnAsync_HotlineConfigured_HumanNamesIt()
    {
        using var bot = TestBot.Create(settings: new() { ["Bot:HumanHotline"] = "0871-12345", ["Bot:HumanHotlineHours"] = "工作日8:30-17:30" });
        await bot.SayAsync("你好");

        var reply = Assert.Single(await bot.SayAsync("人工"));

        Assert.Equal("如需人工服务，请拨打0871-12345热线（工作日8:30-17:30），工作人员会为您办理。", reply.Shown());
    }

    [Fact]
    public async Task OnTurnAsync_ChannelCanTransfer_HumanSaysAPersonIsComing()
    {
        var handoff = new RecordingHandoff();
        using var bot = TestBot.Create(services => services.AddSingleton<IHumanHandoff>(handoff));
        await bot.SayAsync("1");

        var replies = await bot.SayAsync("人工");

        // The person answers from here on: no question of the flow after it, and the channel is told to hand over.
        Assert.Equal(Texts.HumanTransferred, replies[0].Shown());
        Assert.Equal(ActivityTypes.Event, replies[1].Type);
        Assert.Equal("handoff.initiate", replies[1].Name);
        Assert.Equal(2, replies.Count);
        Assert.Equal(TestActivities.UserId, handoff.Requested?.UserId);
    }

    [Fact]
    public void AddCitizenBotDialogs_HotlineNotANumber_FailsValidation()
    {
        using var bot = TestBot.Create(settings: new() { ["Bot:HumanHotline"] = "call us" });

        var error = Assert.Throws<OptionsValidationException>(() => bot.Services.GetRequiredService<IOptions<DialogsOptions>>().Value);
        Assert.Contains("Bot:HumanHotline", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string?> NaughtyStrings() =>
    [
        null,
        "",
        " ",
        "\t\r\n",
        "\u200B\u200E\u200F\u202E",
        "\u202Eتعطيل\u202C",
        new string('测', 10_000),
        string.Concat(Enumerable.Repeat("😀👨‍👩‍👧‍👦🇨🇳", 2_000)),
        "'; DROP TABLE tickets; --",
        "1' OR '1'='1",
        "<script>alert(1)</script>",
        "{{7*7}} ${jndi:ldap://x}",
        "\0\u0001\u0007",
        "a\uD800b\uDC00",
        "Ｎａｕｇｈｔｙ　全角　１２３",
        "%s%n%x",
        "null",
        "-1",
        "1e309",
        "99999999999999999999999",
        "第一百个",
    ];

    [Theory]
    [MemberData(nameof(NaughtyStrings))]
    public async Task OnTurnAsync_NaughtyTextAtEveryStep_NeverFails(string? text)
    {
        using var bot = TestBot.Create();
        string[] pathToEachStep = ["1", "王小明", "13800138000", "跳过", "城关镇人民路25号"];

        // Menu, then each question of the intake: name, phone, photo, location, confirm.
        for (var depth = 0; depth <= pathToEachStep.Length; depth++)
        {
            bot.State = new ConversationState();
            foreach (var answer in pathToEachStep.Take(depth))
            {
                await bot.SayAsync(answer);
            }

            var replies = await bot.SayAsync(text);

            Assert.NotEmpty(replies);
            Assert.All(replies, r => Assert.False(string.IsNullOrWhiteSpace(r.Shown())));
        }
    }

    private sealed class RecordingHandoff : IHumanHandoff
    {
        public ConversationReference? Requested { get; private set; }

        public Task<HandoffOutcome> RequestAsync(ConversationReference? conversation, CancellationToken cancellationToken)
        {
            Requested = conversation;
            return Task.FromResult(HandoffOutcome.Transferred);
        }

        public Task<string> RequestCallbackAsync(ConversationReference? conversation, string mobile, string submissionId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A transferring hand-over is never asked for a call-back.");
    }

    [Fact]
    public async Task OnTurnAsync_RepromptEventWhileAQuestionIsOpen_AsksItAgainWithItsButtons()
    {
        using var bot = TestBot.CreateWithFlows();
        var asked = await bot.SayAsync("事件上报");

        var again = await bot.SendAsync(RepromptEvent());

        var question = Assert.Single(again);
        Assert.Equal(asked[^1].Shown(), question.Shown());
        Assert.Equal(asked[^1].SuggestedActions!.Actions.Select(a => a.Title), question.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Contains("市容环境", question.SuggestedActions.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task OnTurnAsync_RepromptEventWithNoQuestionOpen_SaysNothing()
    {
        using var bot = TestBot.CreateWithFlows();
        await bot.SayAsync("你好");

        Assert.Empty(await bot.SendAsync(RepromptEvent()));
    }

    private static Activity RepromptEvent()
    {
        var activity = TestActivities.Message(null);
        activity.Type = ActivityTypes.Event;
        activity.Name = DialogBot.RepromptEventName;
        return activity;
    }
}
