using CitizenBot.Dialogs.Mediation;
using CitizenBot.Dialogs.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Dialogs.Tests.Mediation;

/// <summary>Transcripts of 预约调解 over <see cref="Fakes.FakeMediationDesk"/>: booking, the other party's answer, changes, bad input.</summary>
public sealed class MediationDialogTests
{
    private const string UpToSlot = """
        > 预约调解
        <~ 您好！
        < 在线视频调解免去来回奔波，双方用手机就能参加。请先选择纠纷类型：\n1. 劳动争议\n2. 邻里纠纷\n3. 其他纠纷
        <buttons 劳动争议 | 邻里纠纷 | 其他纠纷
        > 欠薪
        < 请简要说明纠纷经过和您的诉求（300字以内），例如：“在某厂打工三个月，老板拖欠工资8000元不给”。
        > 在鑫达厂打工三个月，老板拖欠工资8000元
        < 请问您（申请人）的姓名？
        > 张三
        < 请留下您的手机号，调解员会用它联系您。
        > 138 0013 8000
        < 对方当事人的姓名或单位名称？
        > 鑫达电子厂
        < 请输入对方的手机号或微信号，用于发送调解邀请。
        > 13900139000
        < 请选择调解组织：\n1. 城关镇劳动争议调解委员会\n2. 城关镇人民调解委员会
        <buttons 城关镇劳动争议调解委员会 | 城关镇人民调解委员会
        > 1
        < 请选择视频调解的时间：\n1. 11月30日（周一）09:00-10:00 王调解员\n2. 11月30日（周一）10:00-11:00 王调解员\n3. 11月30日（周一）11:00-12:00 王调解员\n4. 11月30日（周一）14:00-15:00 王调解员\n5. 11月30日（周一）15:00-16:00 王调解员\n6. 更多时间

        """;

    private const string UpToApplicantName = """
        > 预约调解
        <~ 您好！
        <~ 请先选择纠纷类型
        > 邻里纠纷
        <~ 请简要说明纠纷经过
        > 楼上卫生间漏水，泡坏了我家天花板
        <~ 姓名

        """;

    private const string UpToApplicantPhone = UpToApplicantName + """
        > 李四
        <~ 手机号

        """;

    private const string Booked = """
        < 预约成功！\n预约编号：TJ20261127-0001\n城关镇劳动争议调解委员会，11月30日（周一）09:00-10:00，调解员：王调解员\n请把邀请链接转发给对方，对方需在11月30日 10:30前接受，接受后我会通知您：调解邀请\n开始前15分钟可以通过您的专属链接进入视频调解室：进入视频调解\n二维码：查看二维码\n日历：加入日历\n开始前24小时和1小时会提醒您。
        <card 调解预约成功
        <card 转发邀请
        <card 进入视频调解
        <card 加入日历
        <~ 还有其他需要帮忙的吗？

        """;

    [Fact]
    public async Task Book_FullFlow_BookingNumberJoinLinkAndInvitation()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, UpToSlot + """
            <buttons 11月30日（周一）09:00-10:00 王调解员 | 11月30日（周一）10:00-11:00 王调解员 | 11月30日（周一）11:00-12:00 王调解员 | 11月30日（周一）14:00-15:00 王调解员 | 11月30日（周一）15:00-16:00 王调解员 | 更多时间
            > 1
            <~ 请确认预约信息：\n纠纷类型：劳动争议\n申请人：张三 138****8000\n对方当事人：鑫达电子厂 139****9000\n调解组织和时间：城关镇劳动争议调解委员会，11月30日（周一）09:00-10:00 王调解员\n您是否同意通过在线视频方式进行调解，并确认预约？调解遵循自愿原则，双方都同意后才会进行。
            <buttons 是 | 修改 | 否
            > 是
            """ + "\n" + Booked);

        var request = Assert.Single(bot.Mediation.Requests);
        Assert.Equal(("labor", "m-wang@9", "13800138000", "13900139000"), (request.DisputeType, request.SlotId, request.Applicant.Phone, request.OtherParty.Phone));
        Assert.Equal(("test", TestActivities.UserId), (request.Citizen.ChannelId, request.Citizen.UserId));
    }

    [Fact]
    public async Task Book_NoConsent_NothingBookedAndOtherWaysOffered()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, UpToSlot + """
            > 2
            <~ 您是否同意通过在线视频方式进行调解
            <buttons 是 | 修改 | 否
            > 否
            < 好的，没有预约在线调解。\n您还可以：\n1. 到调解组织或司法所申请线下调解；\n2. 回复“法律咨询”了解法律规定和法律援助；\n3. 拨打12348公共法律服务热线。
            <~ 还有其他需要帮忙的吗？
            """);

        Assert.Empty(bot.Mediation.Requests);
    }

    [Fact]
    public async Task Book_SlotTakenMeanwhile_OtherSlotsOfferedAndSecondChoiceBooked()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, UpToSlot + """
            > 1
            <~ 请确认预约信息
            <buttons 是 | 修改 | 否
            """);
        bot.Mediation.TakenByOthers.Add("m-wang@9");
        await RunAsync(bot, """
            > 是
            < 这个时段刚刚被别人预约了。请选择其他时间：\n1. 11月30日（周一）10:00-11:00 王调解员\n2. 11月30日（周一）11:00-12:00 王调解员\n3. 11月30日（周一）14:00-15:00 王调解员\n4. 更多时间
            <buttons 11月30日（周一）10:00-11:00 王调解员 | 11月30日（周一）11:00-12:00 王调解员 | 11月30日（周一）14:00-15:00 王调解员 | 更多时间
            > 2
            <~ 预约成功！\n预约编号：TJ20261127-0001\n城关镇劳动争议调解委员会，11月30日（周一）11:00-12:00
            <~ 还有其他需要帮忙的吗？
            """);

        Assert.Equal("m-wang@11", Assert.Single(bot.Mediation.Requests).SlotId);
    }

    [Fact]
    public async Task Book_SlotInThePastByTheTimeOfAnswer_RefusedAndNewSlotsOffered()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, UpToSlot + """
            > 1
            <~ 请确认预约信息
            <buttons 是 | 修改 | 否
            """);
        bot.Mediation.PastSlots.Add("m-wang@9");
        await RunAsync(bot, """
            > 是
            <~ 这个时段已经不能预约了（已过时或临近开始）。请选择其他时间：\n1. 11月30日（周一）10:00-11:00 王调解员
            """);

        Assert.Empty(bot.Mediation.Requests);
    }

    [Fact]
    public async Task OtherContact_InvalidPhoneNumber_AskedAgainWithTheRule()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, UpToApplicantPhone + """
            > 1380013
            < 这个号码好像不对：请输入11位手机号，1开头，例如13800138000。\n请留下您的手机号，调解员会用它联系您。
            > 13800138000
            <~ 对方当事人
            > 王五
            <~ 手机号或微信号
            > 12345
            < 这不是有效的手机号（11位，1开头）或微信号（6到20位字母、数字、下划线或减号，字母开头）。\n请输入对方的手机号或微信号，用于发送调解邀请。
            > wang_wu88
            < 请选择调解组织：\n1. 城关镇人民调解委员会
            <buttons 城关镇人民调解委员会
            """);
    }

    [Fact]
    public async Task OtherContact_NotKnown_ToldWhyItIsNeededAndWhereToFindIt()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, UpToApplicantPhone + """
            > 13800138000
            <~ 对方当事人
            > 楼上1502的王某
            <~ 手机号或微信号
            > 没有他电话
            < 调解要先征得对方同意，需要用对方的手机号或微信号给对方发邀请。不知道的话，可以先问问物业、村（居）委会或双方都认识的人；也可以回复“人工”请工作人员帮忙，或回复“取消”。\n请输入对方的手机号或微信号，用于发送调解邀请。
            > 取消
            <~ 已取消
            <~ 还有其他需要帮忙的吗？
            """);
    }

    [Fact]
    public async Task FirstMessage_TellingTheDispute_FillsTypeAndFactsAndBackAsksTheType()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 我想跟邻居调解一下，他家空调外机正对着我家卧室窗户吹
            <~ 您好！
            < 好的，按“邻里纠纷”为您预约调解，您说的情况已记作纠纷经过。类型不对的话，回复“返回”可以重新选。
            <~ 姓名
            > 返回
            <~ 请先选择纠纷类型
            > 其他纠纷
            <~ 请简要说明纠纷经过
            """);
    }

    [Fact]
    public async Task FirstMessage_OnlyAskingForMediation_AsksTheType()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 我要调解
            <~ 您好！
            <~ 请先选择纠纷类型
            """);
    }

    [Fact]
    public async Task Names_AnswersThatAreNotNames_AreAskedAgainWithWhatWillDo()
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, """
            > 预约调解
            <~ 您好！
            <~ 请先选择纠纷类型
            > 邻里纠纷
            <~ 请简要说明纠纷经过
            > 楼上天天半夜跺脚
            <~ 姓名
            > 不知道
            < 这好像不是称呼。请告诉我怎么称呼，姓氏加“先生”或“女士”也可以。\n请问您（申请人）的姓名？
            > 13800138000
            <~ 这好像不是称呼。
            > 我刚才不是说了吗，李女士
            <~ 手机号
            > 13800138000
            <~ 对方当事人
            > 不知道他叫啥
            < 不知道对方全名也没关系，写个称呼就行，例如“楼上302住户”“某某饭店老板”。\n对方当事人的姓名或单位名称？
            > 楼上1502住户
            <~ 手机号或微信号
            > 13900139000
            <~ 请选择调解组织
            """);
    }

    [Theory]
    [InlineData("算了 那我找物业问问")]
    [InlineData("以后再说")]
    public async Task AnyQuestion_GivingUpInOwnWords_CancelsTheBooking(string words)
    {
        using var bot = TestBot.CreateWithFlows();

        await RunAsync(bot, UpToApplicantPhone + $"""
            > {words}
            < 好的，已取消。
            <~ 还有其他需要帮忙的吗？
            """);
        Assert.Empty(bot.State.Stack);
    }

    [Fact]
    public async Task Mine_InvitationDeclined_NotListedAndNewBookingOffered()
    {
        using var bot = TestBot.CreateWithFlows();
        await RunAsync(bot, UpToSlot + """
            > 1
            <~ 请确认预约信息
            <buttons 是 | 修改 | 否
            > 是
            """ + "\n" + Booked);

        bot.Mediation.SetStatus("TJ20261127-0001", BookingStatus.Declined);

        // Declined: nothing left to change, the flow starts a new booking at once.
        await RunAsync(bot, """
            > 预约调解
            <~ 请先选择纠纷类型
            """);
    }

    [Fact]
    public async Task Mine_InvitationExpired_NotListed()
    {
        using var bot = TestBot.CreateWithFlows();
        bot.Mediation.AddForeign(TestActivities.UserId);
        bot.Mediation.SetStatus("TJ20261126-0099", BookingStatus.Expired);

        await RunAsync(bot, """
            > 我的调解
            <~ 您好！
            <~ 请先选择纠纷类型
            """);
    }

    [Fact]
    public async Task Reschedule_OwnBooking_MovedToChosenSlot()
    {
        using var bot = TestBot.CreateWithFlows();
        await RunAsync(bot, UpToSlot + """
            > 1
            <~ 请确认预约信息
            <buttons 是 | 修改 | 否
            > 是
            """ + "\n" + Booked);
        bot.Mediation.SetStatus("TJ20261127-0001", BookingStatus.Confirmed);

        await RunAsync(bot, """
            > 我的调解
            < 您有1个进行中的调解预约。回复序号查看、改期或取消，或者预约新的调解：\n1. TJ20261127-0001 劳动争议 11月30日（周一）09:00-10:00 已确认\n2. 预约新的调解
            <buttons TJ20261127-0001 劳动争议 11月30日（周一）09:00-10:00 已确认 | 预约新的调解
            > TJ20261127-0001
            <~ 您的调解预约：\n预约编号：TJ20261127-0001
            < 需要改期或取消吗？\n1. 改期\n2. 取消预约\n3. 不用了
            <buttons 改期 | 取消预约 | 不用了
            > 改期
            < 请选择新的调解时间：\n1. 11月30日（周一）10:00-11:00 王调解员\n2. 11月30日（周一）11:00-12:00 王调解员\n3. 11月30日（周一）14:00-15:00 王调解员\n4. 11月30日（周一）15:00-16:00 王调解员\n5. 11月30日（周一）16:00-17:00 王调解员\n6. 更多时间
            > 4
            < 已改期！预约编号：TJ20261127-0001\n新的时间：11月30日（周一）15:00-16:00，调解员：王调解员\n进入链接：进入视频调解\n提醒会按新的时间发送。
            <~ 还有其他需要帮忙的吗？
            """);

        var mine = await bot.Mediation.ListActiveAsync(new MediationCitizen("test", TestActivities.UserId, "conversation-1"), CancellationToken.None);
        Assert.Equal(15, Assert.Single(mine).Start.Hour);
    }

    [Fact]
    public async Task Cancel_OwnBooking_CancelledAndNoLongerListed()
    {
        using var bot = TestBot.CreateWithFlows();
        await RunAsync(bot, UpToSlot + """
            > 1
            <~ 请确认预约信息
            <buttons 是 | 修改 | 否
            > 是
            """ + "\n" + Booked);

        await RunAsync(bot, """
            > 我的调解
            <~ 1. TJ20261127-0001 劳动争议 11月30日（周一）09:00-10:00 等待对方接受
            > 1
            <~ 当前状态：等待对方接受
            <~ 需要改期或取消吗？
            <buttons 改期 | 取消预约 | 不用了
            > 取消预约
            <~ 确定要取消这次调解预约吗？取消后会通知对方。
            <buttons 是 | 否
            > 是
            < 预约TJ20261127-0001已取消。如需调解，可以随时重新预约。
            <~ 还有其他需要帮忙的吗？
            """);

        Assert.Empty(await bot.Mediation.ListActiveAsync(new MediationCitizen("test", TestActivities.UserId, "conversation-1"), CancellationToken.None));
    }

    [Fact]
    public async Task Mine_SomeoneElsesBookingNumber_NeitherShownNorChangeable()
    {
        using var bot = TestBot.CreateWithFlows();
        bot.Mediation.AddForeign("user-2");
        await RunAsync(bot, UpToSlot + """
            > 1
            <~ 请确认预约信息
            <buttons 是 | 修改 | 否
            > 是
            """ + "\n" + Booked);

        await RunAsync(bot, """
            > 我的调解
            <~ 您有1个进行中的调解预约
            > TJ20261126-0099
            < 没有找到这个选项。\n您有1个进行中的调解预约。回复序号查看、改期或取消，或者预约新的调解：\n1. TJ20261127-0001 劳动争议 11月30日（周一）09:00-10:00 等待对方接受\n2. 预约新的调解
            """);
    }

    [Fact]
    public async Task Book_DayAndPartInWords_SlotsOfThatAfternoonOffered()
    {
        using var bot = OnFriday();

        await RunAsync(bot, UpToSlot + """
            > 有没有周三下午的
            < 12月2日（周三）下午可以预约的时间：\n1. 12月2日（周三）14:00-15:00 王调解员\n2. 12月2日（周三）15:00-16:00 王调解员\n3. 更多时间
            <buttons 12月2日（周三）14:00-15:00 王调解员 | 12月2日（周三）15:00-16:00 王调解员 | 更多时间
            > 2
            <~ 调解组织和时间：城关镇劳动争议调解委员会，12月2日（周三）15:00-16:00 王调解员
            <buttons 是 | 修改 | 否
            """);
    }

    [Fact]
    public async Task Book_AnotherFlowsNameAtTheNameQuestion_GoesThereAndTheBookingWaits()
    {
        using var bot = OnFriday();

        await RunAsync(bot, UpToApplicantName + """
            > 法律咨询
            <~ 请说说您遇到的法律问题
            """);
        Assert.Equal("LegalAid", bot.State.Stack[0].Id);
    }

    [Theory]
    [InlineData("取消调解预约")]
    [InlineData("上次约的周四下午那个调解，我想改到下周")]
    [InlineData("我的预约")]
    [InlineData("我约的调解对方同意了没")]
    public async Task Start_AboutABookingWhenThereIsNone_SaysSoInsteadOfBeginningOne(string text)
    {
        using var bot = OnFriday();

        await RunAsync(bot, $"""
            > {text}
            <~ 您好！
            < 您目前没有进行中的调解预约（已取消、已结束或对方已拒绝的不在其中）。需要的话，可以预约新的调解：\n1. 预约新的调解
            <~ 还有其他需要帮忙的吗？
            > 预约新的调解
            <~ 请先选择纠纷类型
            """);
    }

    [Fact]
    public async Task Book_AQuestionAboutAnEarlierReportAtTheNameQuestion_IsServedNotStoredAsTheName()
    {
        using var bot = OnFriday();

        await RunAsync(bot, UpToApplicantName + """
            > 对了我前几天报的那个路灯修好了没有啊
            <~ 您最近的2个工单如下
            """);
        Assert.DoesNotContain(bot.State.Stack, i => i.Id == "Mediation");
    }

    [Fact]
    public async Task Book_BegunFromAConsultation_TheConsultationsNameAtAQuestionGoesBackToIt()
    {
        using var bot = OnFriday();

        await RunAsync(bot, """
            > 法律咨询
            <~ 您好！
            <~ 请说说您遇到的法律问题
            > 邻居家卫生间漏水泡坏了我家天花板，他不肯赔
            <~ 法律咨询暂时无法使用
            <~ 您可以继续提问，或选择下一步
            > 预约调解
            <~ 请先选择纠纷类型
            > 邻里纠纷
            <~ 请简要说明纠纷经过
            > 楼上卫生间漏水，泡坏了我家天花板
            <~ 姓名
            > 法律咨询
            <~ 请说说您遇到的法律问题
            """);
    }

    [Fact]
    public async Task Book_NameAndPhoneInOneAnswer_ThePhoneIsNotAskedAgain()
    {
        using var bot = OnFriday();

        await RunAsync(bot, UpToApplicantName + """
            > 王芳 13800001111
            < 对方当事人的姓名或单位名称？
            """);
    }

    [Fact]
    public async Task Book_TimeChangedAtTheSummary_AskedAgainAndBookedWithTheOtherAnswersKept()
    {
        using var bot = OnFriday();

        await RunAsync(bot, UpToSlot + """
            > 1
            <~ 请确认预约信息
            <buttons 是 | 修改 | 否
            > 不对，时间改一下，我那天没空
            < 好的，重新填写时间。
            <~ 请选择视频调解的时间：
            > 有没有周三下午的
            <~ 12月2日（周三）下午可以预约的时间
            > 2
            <~ 申请人：张三 138****8000\n对方当事人：鑫达电子厂 139****9000\n调解组织和时间：城关镇劳动争议调解委员会，12月2日（周三）15:00-16:00 王调解员
            > 是
            <~ 预约成功
            <~ 还有其他需要帮忙的吗？
            """);
    }

    [Fact]
    public async Task Book_AskedDayHasNoFreeSlot_NearestFreeSlotsOffered()
    {
        using var bot = OnFriday();

        await RunAsync(bot, UpToSlot + """
            > 12月1号上午
            < 12月1日（周二）上午没有空闲的时段（已约满或不在可预约的日子），离它最近的空闲时间：\n1. 11月30日（周一）10:00-11:00 王调解员\n2. 11月30日（周一）11:00-12:00 王调解员\n3. 11月30日（周一）14:00-15:00 王调解员\n4. 11月30日（周一）15:00-16:00 王调解员\n5. 11月30日（周一）16:00-17:00 王调解员\n6. 更多时间
            <buttons 11月30日（周一）10:00-11:00 王调解员 | 11月30日（周一）11:00-12:00 王调解员 | 11月30日（周一）14:00-15:00 王调解员 | 11月30日（周一）15:00-16:00 王调解员 | 11月30日（周一）16:00-17:00 王调解员 | 更多时间
            """);
    }

    [Fact]
    public async Task Book_ASlotButtonOfAnEarlierListTapped_ThatSlotIsTaken()
    {
        using var bot = OnFriday();

        await RunAsync(bot, UpToSlot + """
            > 更多时间
            <~ 还可以选这些时间：
            <buttons 11月30日（周一）16:00-17:00 王调解员 | 12月2日（周三）09:00-10:00 王调解员 | 12月2日（周三）14:00-15:00 王调解员 | 12月2日（周三）15:00-16:00 王调解员 | 12月4日（周五）10:00-11:00 王调解员 | 更多时间
            > 11月30日（周一）14:00-15:00 王调解员
            <~ 请确认预约信息
            <buttons 是 | 修改 | 否
            """);
    }

    [Fact]
    public async Task Book_MoreTimes_NextSlotsOfOtherDaysThenBackToTheFirst()
    {
        using var bot = OnFriday();

        await RunAsync(bot, UpToSlot + """
            > 更多时间
            < 还可以选这些时间：\n1. 11月30日（周一）16:00-17:00 王调解员\n2. 12月2日（周三）09:00-10:00 王调解员\n3. 12月2日（周三）14:00-15:00 王调解员\n4. 12月2日（周三）15:00-16:00 王调解员\n5. 12月4日（周五）10:00-11:00 王调解员\n6. 更多时间
            <buttons 11月30日（周一）16:00-17:00 王调解员 | 12月2日（周三）09:00-10:00 王调解员 | 12月2日（周三）14:00-15:00 王调解员 | 12月2日（周三）15:00-16:00 王调解员 | 12月4日（周五）10:00-11:00 王调解员 | 更多时间
            > 更多时间
            <~ 近期没有更多空闲时间了，还是从最早的开始选：\n1. 11月30日（周一）09:00-10:00 王调解员
            """);
    }

    private static TestBot OnFriday() =>
        TestBot.CreateWithFlows(services => services.AddSingleton<TimeProvider>(
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)))));

    private static Task RunAsync(TestBot bot, string text) => TranscriptRunner.RunAsync(Transcript.Parse("mediation", text), bot);
}
