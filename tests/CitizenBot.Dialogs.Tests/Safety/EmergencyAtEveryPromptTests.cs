using CitizenBot.Dialogs.LegalAid;
using CitizenBot.Dialogs.Tests.Harness;
using CitizenBot.Dialogs.Tests.LegalAid;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Dialogs.Tests.Safety;

/// <summary>
/// An emergency typed at any question of any flow is answered with the numbers first: each flow is walked question by
/// question, and at each one a fresh conversation that got there says that something is on fire.
/// </summary>
public sealed class EmergencyAtEveryPromptTests
{
    /// <summary>Per flow: the answers that walk it, each with a piece of the question it leads to.</summary>
    public static TheoryData<string, int> Prompts()
    {
        var data = new TheoryData<string, int>();
        foreach (var (flow, steps) in Walks)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                data.Add(flow, i);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, (string Say, string Asks)[]> Walks = new()
    {
        ["report"] =
        [
            ("事件上报", "问题类别"),
            ("市容环境", "照片"),
            ("跳过", "位置"),
            ("城关镇幸福小区3号楼门口", "描述"),
            ("门口的垃圾堆了一个星期没人清理", "联系方式"),
            ("留下联系方式", "称呼"),
            ("王女士", "手机号"),
            ("13800138000", "确认提交"),
        ],
        ["mediation"] =
        [
            ("预约调解", "纠纷类型"),
            ("劳动争议", "纠纷经过"),
            ("在鑫达厂打工三个月，老板拖欠工资8000元", "姓名"),
            ("张三", "手机号"),
            ("13800138000", "对方当事人"),
            ("鑫达电子厂", "对方的手机号"),
            ("13900139000", "调解组织"),
            ("1", "时间"),
            ("1", "确认预约"),
        ],
        ["legal"] =
        [
            ("法律咨询", "法律问题"),
            ("老板拖欠工资三个月不给怎么办", "继续提问"),
        ],
        ["gridworker"] =
        [
            ("流动网格员", "现在注册吗"),
            ("是", "姓名"),
            ("李师傅", "手机号"),
            ("13900139000", "哪个平台"),
        ],
        ["status"] =
        [
            ("查询工单", "回复序号"),
        ],
    };

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task Emergency_AtThisQuestion_NumbersFirstThenTheFlowCanGoOn(string flow, int question)
    {
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<ILegalAdvisor>(new FakeLegalAdvisor()));
        await bot.SayAsync("你好");
        var walk = Walks[flow];
        for (var i = 0; i <= question; i++)
        {
            var replies = await bot.SayAsync(walk[i].Say);
            Assert.Contains(replies, r => r.Shown().Contains(walk[i].Asks, StringComparison.Ordinal) == true);
        }

        var answer = await bot.SayAsync("楼道里着火了，烟好大");

        Assert.StartsWith("请立即拨打119", answer[0].Shown(), StringComparison.Ordinal);
        Assert.Contains(answer, r => r.Shown().Contains("继续", StringComparison.Ordinal) == true || r.Shown().Contains("紧急工单", StringComparison.Ordinal) == true);
    }

    /// <summary>
    /// The other side: a button the question offers ("不用了", "跳过", "邻里纠纷") is an answer in the bot's own words, and
    /// tapping it is never answered with the emergency numbers, whatever the models make of the words.
    /// </summary>
    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task OfferedButton_AtThisQuestion_IsAnAnswerNeverAnAlarm(string flow, int question)
    {
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<ILegalAdvisor>(new FakeLegalAdvisor()));
        await bot.SayAsync("你好");
        var walk = Walks[flow];
        IReadOnlyList<CitizenBot.Channels.Activities.Activity> replies = [];
        for (var i = 0; i <= question; i++)
        {
            replies = await bot.SayAsync(walk[i].Say);
        }

        var buttons = replies.SelectMany(r => r.SuggestedActions?.Actions ?? []).Select(a => a.Title ?? string.Empty).Where(t => t.Length > 0).ToList();
        foreach (var button in buttons)
        {
            using var again = TestBot.CreateWithFlows(services => services.AddSingleton<ILegalAdvisor>(new FakeLegalAdvisor()));
            await again.SayAsync("你好");
            for (var i = 0; i <= question; i++)
            {
                await again.SayAsync(walk[i].Say);
            }

            var answer = await again.SayAsync(button);
            Assert.False(
                answer.Count > 0 && EmergencyDevSetTests.IsEmergencyLine(answer[0].Shown() ?? string.Empty),
                $"{flow}, question {question}: the button \"{button}\" was answered as an emergency.");
        }
    }

    /// <summary>
    /// An option's number with nothing else said ("我要2") picks an option of the menu or of the question, never an alarm,
    /// however the models read it; a number with more said ("2楼…") is read as any other message.
    /// </summary>
    [Theory]
    [InlineData("预约调解", "纠纷类型", "我要2", false)]
    [InlineData("预约调解", "纠纷类型", "就要第三个吧", false)]
    [InlineData("预约调解", "纠纷类型", "2楼楼道全是烟 人下不去", true)]
    [InlineData(null, null, "我要2", false)]
    [InlineData(null, null, "我选2", false)]
    public async Task ANumberAlone_AtTheMenuOrAQuestion_IsAPick_UnlessMoreIsSaid(string? start, string? asks, string say, bool alarm)
    {
        using var bot = TestBot.CreateWithFlows(services => services.AddSingleton<ILegalAdvisor>(new FakeLegalAdvisor()));
        await bot.SayAsync("你好");
        if (start is not null)
        {
            var asked = await bot.SayAsync(start);
            Assert.Contains(asked, r => r.Shown().Contains(asks!, StringComparison.Ordinal) == true);
        }

        var answer = await bot.SayAsync(say);

        Assert.Equal(alarm, EmergencyDevSetTests.IsEmergencyLine(answer[0].Shown() ?? string.Empty));
    }
}
