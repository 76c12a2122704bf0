using CitizenBot.Dialogs.LegalAid;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Tests.Harness;
using CitizenBot.Dialogs.Tests.LegalAid;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Dialogs.Tests.Main;

/// <summary>
/// Everyday words understood by the trained models, through the real flows: a first message starts the right thing at
/// once (the greeting folded in), an unclear one gets the likeliest choices as buttons, a sentence answers a question
/// that offers choices, and a sentence about another matter at such a question is served while the flow waits.
/// </summary>
public sealed class UnderstandingConversationTests
{
    /// <summary>A message the models are not sure of.</summary>
    private const string Unclear = "房子那个事";

    [Fact]
    public async Task FirstMessage_EverydayReport_GreetsAndStartsTheReportWithItsCategoryAndDescription()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 电动车把楼梯口都塞满了，人都过不去
            < 您好！这里是县社会治理综合服务中心，我是智能助手。有什么可以帮您？
            < 好的，按“消防/安全隐患”为您上报。类别不对的话，回复“返回”可以重新选。
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 请发送位置
            > 城关镇幸福小区3号楼
            <~ 联系方式
            > 匿名上报
            <~ 描述：电动车把楼梯口都塞满了，人都过不去
            """);
    }

    [Fact]
    public async Task CategoryToConfirm_TheFirstMessageIsKeptAsTheDescription_AndAnAnonymousOneCarriesNoPhoneNumber()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 我不想让人知道是我举报的 我叫钟建 13377778888 我们楼下那家饭店把油污直接倒进下水道
            <~ 您好！
            <~ 类问题吗？
            > 是
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 问题在哪里？
            > 东风路22号楼下
            <~ 是否留下联系方式？
            > 匿名上报
            <~ 描述：我不想让人知道是我举报的 我叫钟建 [号码已隐去] 我们楼下那家饭店把油污直接倒进下水道
            """);
    }

    [Fact]
    public async Task FirstMessage_AddressAndPhoneInIt_AddressOfferedAndPhoneNotAskedAgain()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 我是和平路12号的王阿姨，电话13812345678，楼下的井盖没了，晚上黑乎乎的很危险
            <~ 您好！
            <~ 公共设施损坏
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 问题在哪里？
            <buttons 和平路12号
            > 和平路12号
            <~ 是否留下联系方式？
            > 留下联系方式
            < 请问怎么称呼您？例如“王女士”。
            > 王阿姨
            <~ 联系方式：王阿姨 138****5678
            """);
    }

    [Fact]
    public async Task FirstMessage_TwoProblems_TheSecondOfferedAsItsOwnReportAfterTheReceipt()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 小区门口的路灯坏了好几天了，旁边的垃圾也堆了一个星期没人清
            <~ 您好！
            <~ 好的，按“公共设施损坏”为您上报。
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 问题在哪里？
            > 城关镇人民路25号
            <~ 已定位
            <~ 是否留下联系方式？
            > 匿名上报
            <~ 请核对上报内容
            > 是
            <~ 上报成功！
            < 您刚才还提到了“市容环境”方面的问题（“旁边的垃圾也堆了一个星期没人清”），要再为它上报一件吗？\n请回复“是”或“否”。\n1. 是\n2. 否
            > 是
            < 好的，按“市容环境”为您上报。类别不对的话，回复“返回”可以重新选。
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 问题在哪里？
            <buttons 城关镇人民路25号
            > 一样的地方
            <~ 已定位：城关镇
            <~ 是否留下联系方式？
            > 匿名上报
            <~ 位置：城关镇人民路25号
            """);
    }

    [Fact]
    public async Task FirstMessage_TwoProblems_TheSecondNotOfferedWhenTheReportWasFiledInItsCategory()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 小区门口的路灯坏了好几天了，旁边的垃圾也堆了一个星期没人清
            <~ 您好！
            <~ 好的，按“公共设施损坏”为您上报。
            <~ 请拍摄或上传现场照片
            > 返回
            <~ 请选择要上报的问题类别：
            > 市容环境
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 问题在哪里？
            > 城关镇人民路25号
            <~ 已定位
            <~ 是否留下联系方式？
            > 匿名上报
            <~ 请核对上报内容
            > 是
            <~ 上报成功！
            <~ 还有其他需要帮忙的吗？
            """);
    }

    [Fact]
    public async Task FirstMessage_AQuestionAboutWhoLearnsTheirData_IsAnswered()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 你们会不会把我的电话告诉别人
            <~ 不会告诉被反映的一方
            <buttons 我的信息 | 删除我的信息
            """);
    }

    [Fact]
    public async Task CategoryFilledIn_Back_ListsTheCategoriesToChooseAgain()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 电动车把楼梯口都塞满了，人都过不去
            <~ 您好！
            <~ 好的，按“消防/安全隐患”为您上报。
            <~ 请拍摄或上传现场照片
            > 返回
            <~ 请选择要上报的问题类别：
            > 市容环境
            <~ 请拍摄或上传现场照片
            """);
    }

    [Fact]
    public async Task FirstMessage_TraditionalCharacters_UnderstoodTheSame()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 樓道裡堆滿了電動車，消防通道都堵死了
            <~ 您好！
            < 好的，按“消防/安全隐患”为您上报。类别不对的话，回复“返回”可以重新选。
            <~ 请拍摄或上传现场照片
            """);
    }

    [Fact]
    public async Task CategoryQuestion_AWholeSentence_PicksTheCategory()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 事件上报
            <~ 您好！
            <~ 请选择要上报的问题类别：
            > 路口那个井盖不知道被谁偷了，晚上黑乎乎的
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 请发送位置
            > 城关镇建设路口
            <~ 请简单描述一下问题
            > 井盖没了一个星期
            <~ 联系方式
            > 匿名上报
            <~ 类别：公共设施损坏
            """);
    }

    [Fact]
    public async Task CategoryQuestion_ASentenceStartingWithABuildingNumber_IsReadNotTakenForThatOption()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 事件上报
            <~ 您好！
            <~ 请选择要上报的问题类别：
            > 5栋堆垃圾
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 请发送位置
            > 城关镇幸福小区5栋
            <~ 请简单描述一下问题
            > 垃圾桶早就满了，味道很大
            <~ 联系方式
            > 匿名上报
            <~ 类别：市容环境
            """);
    }

    [Fact]
    public async Task CategoryQuestion_AWholeSentence_SaysTheCategoryAndKeepsTheSentenceAsTheDescription()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 事件上报
            <~ 您好！
            <~ 请选择要上报的问题类别：
            > 路边有个大坑，昨晚骑电动车差点摔了
            < 好的，按“公共设施损坏”为您上报。类别不对的话，回复“返回”可以重新选。
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 请发送位置
            > 城关镇人民路和解放路交叉口往东50米
            <~ 已定位
            <~ 是否留下联系方式？
            > 匿名上报
            <~ （城关镇人民社区 第3网格）\n描述：路边有个大坑，昨晚骑电动车差点摔了
            """);
    }

    [Fact]
    public async Task FirstMessage_AReportThatSaysNothingYet_OffersTheCategoriesNotOther()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 我要反映个问题
            <~ 您好！
            <~ 请选择要上报的问题类别：
            > 3
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 问题在哪里？
            > 绿城小区
            <~ 请简单描述一下问题
            """);
    }

    [Fact]
    public async Task Confirmation_AQuestionAboutMyDataThatSaysReport_SetsTheReportAsideInsteadOfStartingAnother()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 事件上报
            <~ 您好！
            <~ 请选择要上报的问题类别：
            > 3
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 问题在哪里？
            > 城关镇人民路25号
            <~ 已定位
            <~ 请简单描述一下问题
            > 垃圾桶满了一个星期没人清
            <~ 是否留下联系方式？
            > 匿名上报
            <~ 确认提交吗？
            > 你们会不会告诉他是我举报的？
            <~ 不会告诉被反映的一方
            <~ 接着办刚才的事件上报
            > 继续
            <~ 好的，我们接着办刚才的事件上报。
            <~ 描述：垃圾桶满了一个星期没人清
            """);
    }

    [Fact]
    public async Task Menu_ASentenceStartingWithAFloorNumber_IsUnderstoodNotTakenForAnOption()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 你好
            <~ 您好！
            > 4栋路灯坏
            < 好的，按“公共设施损坏”为您上报。类别不对的话，回复“返回”可以重新选。
            <~ 请拍摄或上传现场照片
            """);
    }

    [Fact]
    public async Task Menu_LegalQuestionInEverydayWords_AnsweredAtOnceWithItsTopic()
    {
        var advisor = new FakeLegalAdvisor();
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<ILegalAdvisor>(advisor));
        await bot.SayAsync("你好");

        var replies = await bot.SayAsync("邻居装修天天半夜还在敲，吵得睡不着，能告他吗");

        Assert.Equal("邻居装修天天半夜还在敲，吵得睡不着，能告他吗", Assert.Single(advisor.Calls).Question);
        Assert.Equal("neighbours", Assert.Single(advisor.Topics));
        Assert.StartsWith(FakeLegalAdvisor.NotFoundAnswer, replies[0].Shown(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unclear_LikeliestChoicesAsButtons_AChoiceStartsItWithTheFirstMessage()
    {
        using var bot = TestBot.CreateWithFlows();
        await bot.SayAsync("你好");

        var replies = await bot.SayAsync(Unclear);

        var question = Assert.Single(replies);
        Assert.StartsWith("您是想", question.Text, StringComparison.Ordinal);
        var buttons = question.SuggestedActions!.Actions.Select(a => a.Title).ToList();
        Assert.InRange(buttons.Count, 2, 4);
        Assert.Equal(Texts.ClarifyNone, buttons[^1]);

        var chosen = await bot.SayAsync(buttons[0]);

        Assert.NotEmpty(bot.State.Stack);
        Assert.DoesNotContain(chosen, r => r.Shown().StartsWith("您是想", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unclear_TheConsultationChosen_AnswersTheFirstMessage()
    {
        var advisor = new FakeLegalAdvisor();
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<ILegalAdvisor>(advisor));
        const string Question = "包工头欠俺两万块工钱，过年前说给，现在电话都不接了，俺该咋弄";
        var asked = await bot.SayAsync(Question);
        var legal = Assert.Single(asked[^1].SuggestedActions!.Actions, a => a.Title == Texts.MenuLegalAid).Title;

        await bot.SayAsync(legal);

        Assert.Equal(Question, Assert.Single(advisor.Calls).Question);
    }

    [Fact]
    public async Task Unclear_NoneOfThese_ShowsTheMenu()
    {
        using var bot = TestBot.CreateWithFlows();
        await bot.SayAsync("你好");
        await bot.SayAsync(Unclear);

        var replies = await bot.SayAsync(Texts.ClarifyNone);

        Assert.StartsWith(Texts.ClarifyNoneLead, replies[0].Shown(), StringComparison.Ordinal);
        Assert.Empty(bot.State.Stack);
    }

    [Fact]
    public async Task YesNoQuestion_LegalQuestionInstead_AnsweredAndTheReportWaitsForContinue()
    {
        var advisor = new FakeLegalAdvisor();
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<ILegalAdvisor>(advisor));

        await RunAsync(bot, """
            > 事件上报
            <~ 您好！
            <~ 请选择要上报的问题类别：
            > 市容环境
            <~ 请拍摄或上传现场照片
            > 跳过
            <~ 请发送位置
            > 城关镇幸福小区3号楼门口
            <~ 请简单描述一下问题
            > 门口的垃圾堆了一个星期没人清理
            <~ 联系方式
            > 匿名上报
            <~ 确认提交吗？
            > 老板拖欠我三个月工资不给，我能去哪里告他
            <~ 用人单位拖欠农民工工资的
            <~ 您可以继续提问，或选择下一步
            > 继续
            <~ 好的，我们接着办刚才的事件上报。
            <~ 确认提交吗？
            """);
        Assert.Single(advisor.Calls);
        Assert.Empty(bot.Desk.Submissions);
    }

    [Fact]
    public async Task ChoiceQuestion_HumanInOtherWords_HandedOverAndTheQuestionAskedAgain()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 事件上报
            <~ 您好！
            <~ 请选择要上报的问题类别：
            > 我不想跟机器说话，帮我转接真人客服
            <~ 12345
            <~ 请选择要上报的问题类别：
            """);
    }

    private static Task RunAsync(TestBot bot, string text) => TranscriptRunner.RunAsync(Transcript.Parse("understanding", text), bot);
}
