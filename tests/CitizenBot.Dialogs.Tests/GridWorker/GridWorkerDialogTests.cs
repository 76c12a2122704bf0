using CitizenBot.Dialogs.GridWorker;
using CitizenBot.Dialogs.Tests.Harness;

namespace CitizenBot.Dialogs.Tests.GridWorker;

public sealed class GridWorkerDialogTests
{
    [Fact]
    public async Task Register_AllAnswers_RegistryGetsThem()
    {
        using var bot = TestBot.CreateWithFlows();

        foreach (var line in new[] { "注册网格员", "是", "李师傅", "139-0013-9000", "滴滴", "同意" })
        {
            await bot.SayAsync(line);
        }

        var registration = Assert.Single(bot.GridWorkers.Registrations).Value;
        Assert.Equal(new GridWorkerRegistration("test", TestActivities.UserId, "李师傅", "13900139000", GigPlatform.Didi), registration);
    }

    [Fact]
    public async Task Register_ATradeNotAPlatform_AskedWhichAndACourierCompanyIsAnotherPlatform()
    {
        using var bot = TestBot.CreateWithFlows();
        foreach (var line in new[] { "注册网格员", "是", "李师傅", "13900139000" })
        {
            await bot.SayAsync(line);
        }

        var retry = await bot.SayAsync("快递");
        // The models read this answer as a cry for help, unsure: the numbers in one line, and the answer is taken.
        var picked = await bot.SayAsync("我在中通送快递");
        await bot.SayAsync("同意");

        Assert.StartsWith("如果现场有危险，请立即拨打", picked[0].Shown(), StringComparison.Ordinal);

        Assert.Contains("其他公司（京东、中通、货拉拉等）选“其他平台”", retry[0].Shown(), StringComparison.Ordinal);
        Assert.Equal(GigPlatform.Other, Assert.Single(bot.GridWorkers.Registrations).Value.Platform);
    }

    [Fact]
    public async Task Register_RulesRefused_NotRegistered()
    {
        using var bot = TestBot.CreateWithFlows();

        foreach (var line in new[] { "注册网格员", "是", "李师傅", "13900139000", "不属于平台", "不同意" })
        {
            await bot.SayAsync(line);
        }

        Assert.Empty(bot.GridWorkers.Registrations);
    }

    [Fact]
    public async Task Points_RegisteredWithoutRankThisMonth_SaysNoRankYet()
    {
        using var bot = TestBot.CreateWithFlows();
        bot.GridWorkers.Registrations[("test", TestActivities.UserId)] =
            new GridWorkerRegistration("test", TestActivities.UserId, "李师傅", "13900139000", GigPlatform.Meituan);
        bot.GridWorkers.Standings[("test", TestActivities.UserId)] = new GridWorkerStanding(40, 0, null, 4, 0);

        var replies = await bot.SayAsync("我的积分");

        Assert.Contains("总积分：40分", replies[^2].Text, StringComparison.Ordinal);
        Assert.Contains("本月还没有排名", replies[^2].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("查询积分")]
    [InlineData("我的积分排名")]
    [InlineData("我是外卖骑手，想注册网格员")]
    public async Task Route_PointsOrRegistrationWords_GridWorkerFlow(string text)
    {
        using var bot = TestBot.CreateWithFlows();

        var replies = await bot.SayAsync(text);

        Assert.StartsWith("流动网格员是在工作途中", replies[^1].Shown(), StringComparison.Ordinal);
    }
}
