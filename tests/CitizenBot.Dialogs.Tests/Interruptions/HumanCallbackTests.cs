using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Interruptions;
using CitizenBot.Dialogs.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Dialogs.Tests.Interruptions;

/// <summary>
/// 人工 where the channel offers a call-back (the web): a mobile number, a 求助 ticket, its number and the
/// hotline; 取消 at the number keeps just the hotline; the flow the citizen was in goes on afterwards.
/// </summary>
public sealed class HumanCallbackTests
{
    private const string Hotline = "如需人工服务，请拨打12345热线（全天24小时），工作人员会为您办理。";

    [Fact]
    public async Task Human_AtTheMenuWithMobile_GivesTicketNumberAndHotline()
    {
        var handoff = new CallbackHandoff();
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<IHumanHandoff>(handoff));

        await RunAsync(bot, """
            > 人工
            <~ 您好
            < 可以请工作人员给您回电。请留下您的手机号码（只用于回电）；不需要回电请回复“取消”。
            > 电话是138 1234 5678
            < 已请工作人员回电，会打您留下的号码138****5678，刚才的对话也一并转给了工作人员。\n工单编号：HB-0001\n如需人工服务，请拨打12345热线（全天24小时），工作人员会为您办理。
            <~ 还有其他需要帮忙的吗？
            """);

        var request = Assert.Single(handoff.Callbacks);
        Assert.Equal("13812345678", request.Mobile);
        Assert.Equal(TestActivities.UserId, request.Conversation?.UserId);
    }

    [Fact]
    public async Task Cancel_AtTheMobileQuestion_KeepsJustTheHotline()
    {
        var handoff = new CallbackHandoff();
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<IHumanHandoff>(handoff));

        await RunAsync(bot, $"""
            > 人工
            <~ 您好
            < 可以请工作人员给您回电。请留下您的手机号码（只用于回电）；不需要回电请回复“取消”。
            > 取消
            < {Hotline}
            <~ 还有其他需要帮忙的吗？
            """);

        Assert.Empty(handoff.Callbacks);
    }

    [Fact]
    public async Task Human_InsideAReport_CallbackThenTheReportGoesOn()
    {
        var handoff = new CallbackHandoff();
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<IHumanHandoff>(handoff));

        await RunAsync(bot, $"""
            > 事件上报
            <~ 您好
            <~ 请选择要上报的问题类别
            <buttons 消防/安全隐患 | 私搭乱建/违法建设 | 市容环境 | 公共设施损坏 | 其他
            > 人工
            < 可以请工作人员给您回电。请留下您的手机号码（只用于回电）；不需要回电请回复“取消”。
            > 12345
            <~ 手机号
            > 13900001111
            <~ 工单编号：HB-0001
            <~ 请选择要上报的问题类别
            <buttons 消防/安全隐患 | 私搭乱建/违法建设 | 市容环境 | 公共设施损坏 | 其他
            > 1
            <~ 照片
            <buttons 跳过
            """);

        Assert.Equal("13900001111", Assert.Single(handoff.Callbacks).Mobile);
    }

    [Fact]
    public async Task Cancel_AtTheMobileQuestionInsideAReport_HotlineThenTheSameQuestion()
    {
        var handoff = new CallbackHandoff();
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<IHumanHandoff>(handoff));

        await RunAsync(bot, $"""
            > 事件上报
            <~ 您好
            <~ 请选择要上报的问题类别
            <buttons 消防/安全隐患 | 私搭乱建/违法建设 | 市容环境 | 公共设施损坏 | 其他
            > 人工
            <~ 请留下您的手机号码
            > 取消
            < {Hotline}
            <~ 请选择要上报的问题类别
            <buttons 消防/安全隐患 | 私搭乱建/违法建设 | 市容环境 | 公共设施损坏 | 其他
            > 人工
            <~ 请留下您的手机号码
            > 人工
            < {Hotline}
            <~ 请选择要上报的问题类别
            <buttons 消防/安全隐患 | 私搭乱建/违法建设 | 市容环境 | 公共设施损坏 | 其他
            """);

        Assert.Empty(handoff.Callbacks);
    }

    [Fact]
    public async Task Mobile_TurnRunAgainFromTheSameSavedState_SameTicketAskedForAndTheSameNumberTold()
    {
        var handoff = new CallbackHandoff();
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<IHumanHandoff>(handoff));
        await bot.SayAsync("人工");
        var beforeMobile = bot.State;

        var first = await bot.SayAsync("13812345678");
        // The process died after the ticket's commit and before the state was saved: the retried turn runs again.
        bot.State = beforeMobile;
        bot.Restart();
        var again = await bot.SayAsync("13812345678");

        Assert.Equal(2, handoff.Callbacks.Count);
        Assert.Matches("^[0-9a-f]{32}$", handoff.Callbacks[0].SubmissionId);
        Assert.Equal(handoff.Callbacks[0].SubmissionId, handoff.Callbacks[1].SubmissionId);
        Assert.Contains("工单编号：HB-0001", Shown(first), StringComparison.Ordinal);
        Assert.Contains("工单编号：HB-0001", Shown(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Human_TwoCallbacksOneAfterTheOther_TwoTicketsWithTheirOwnNumbers()
    {
        var handoff = new CallbackHandoff();
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<IHumanHandoff>(handoff));

        await bot.SayAsync("人工");
        var first = await bot.SayAsync("13812345678");
        await bot.SayAsync("人工");
        var second = await bot.SayAsync("13812345678");

        Assert.NotEqual(handoff.Callbacks[0].SubmissionId, handoff.Callbacks[1].SubmissionId);
        Assert.Contains("工单编号：HB-0001", Shown(first), StringComparison.Ordinal);
        Assert.Contains("工单编号：HB-0002", Shown(second), StringComparison.Ordinal);
    }

    private static string Shown(IReadOnlyList<Activity> replies) => string.Join('\n', replies.Select(r => r.Shown()));

    private static Task RunAsync(TestBot bot, string transcript) =>
        TranscriptRunner.RunAsync(Transcript.Parse("human-callback", transcript), bot);

    private sealed class CallbackHandoff : IHumanHandoff
    {
        public List<(ConversationReference? Conversation, string Mobile, string SubmissionId)> Callbacks { get; } = [];

        public Task<HandoffOutcome> RequestAsync(ConversationReference? conversation, CancellationToken cancellationToken) =>
            Task.FromResult(HandoffOutcome.Callback);

        /// <summary>Like the bot's desk: the same submission id is the same ticket and number.</summary>
        public Task<string> RequestCallbackAsync(ConversationReference? conversation, string mobile, string submissionId, CancellationToken cancellationToken)
        {
            Callbacks.Add((conversation, mobile, submissionId));
            var ticket = Callbacks.Select(c => c.SubmissionId).Distinct(StringComparer.Ordinal).ToList().IndexOf(submissionId) + 1;
            return Task.FromResult($"HB-{ticket:0000}");
        }
    }
}
