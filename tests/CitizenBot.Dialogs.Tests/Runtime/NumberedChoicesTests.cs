using System.Text.Json;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Tests.Flows;
using CitizenBot.Dialogs.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Dialogs.Tests.Runtime;

/// <summary>
/// On WeChat buttons are numbered lines and a citizen answers "1": the number is the option it stands for, from the
/// options kept in the conversation's state (so any instance, or the bot after a restart, understands it).
/// </summary>
public sealed class NumberedChoicesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WeChat_NumberOfAButtonAfterARestart_IsThatButton()
    {
        using var bot = await AtThePhotoQuestionAsync("wechat");
        bot.Restart();

        var replies = await bot.SendAsync(WeChat("1"));

        Assert.Equal(TestIntakeDialog.AskLocation, replies.Single().Shown());
    }

    [Fact]
    public async Task WeChat_OptionsOfTheLatestQuestion_AreTheOnesANumberPicks()
    {
        using var bot = await AtThePhotoQuestionAsync("wechat");
        await bot.SendAsync(WeChat("1"));
        await bot.SendAsync(WeChat("青松社区3号楼门口"));

        var replies = await bot.SendAsync(WeChat("2"));

        Assert.Equal(TestIntakeDialog.NotSubmitted, replies[0].Shown());
    }

    [Fact]
    public async Task OtherChannel_NumberAtTheSameQuestion_GoesOnAsTyped()
    {
        using var bot = await AtThePhotoQuestionAsync("test");

        var replies = await bot.SayAsync("1");

        Assert.NotEqual(TestIntakeDialog.AskLocation, replies.Last().Shown());
        Assert.Contains(TestIntakeDialog.AskPhoto, replies.Last().Shown(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("1个")]
    [InlineData("99999999999")]
    public async Task WeChat_NumberThatIsNoListedOption_GoesOnAsTyped(string text)
    {
        using var bot = await AtThePhotoQuestionAsync("wechat");

        var replies = await bot.SendAsync(WeChat(text));

        Assert.Contains(TestIntakeDialog.AskPhoto, replies.Last().Shown(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeChat_NumberAnHourAfterTheOptions_GoesOnAsTyped()
    {
        using var bot = await AtThePhotoQuestionAsync("wechat");
        _time.Advance(TimeSpan.FromHours(1));

        var replies = await bot.SendAsync(WeChat("1"));

        Assert.Contains(TestIntakeDialog.AskPhoto, replies.Last().Shown(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeChat_OptionsOfAMessageSentLater_AreWhatTheNextNumberPicks()
    {
        using var bot = await AtThePhotoQuestionAsync("wechat");
        var listed = WeChat(null);
        listed.Type = ActivityTypes.Event;
        listed.Name = DialogBot.OptionsListedEventName;
        listed.Value = JsonSerializer.SerializeToElement(new[] { "取消", "人工" });

        Assert.Empty(await bot.SendAsync(listed));
        var replies = await bot.SendAsync(WeChat("1"));

        Assert.Equal(Texts.Cancelled, replies[0].Shown());
    }

    [Fact]
    public async Task WeChat_OptionsEventWithoutAList_KeepsTheOptionsShownBefore()
    {
        using var bot = await AtThePhotoQuestionAsync("wechat");
        var listed = WeChat(null);
        listed.Type = ActivityTypes.Event;
        listed.Name = DialogBot.OptionsListedEventName;
        listed.Value = JsonSerializer.SerializeToElement("取消");

        await bot.SendAsync(listed);
        var replies = await bot.SendAsync(WeChat("1"));

        Assert.Equal(TestIntakeDialog.AskLocation, replies.Single().Shown());
    }

    /// <summary>1. 事件上报 → name → phone → "请拍一张现场照片发给我", with the one button 跳过.</summary>
    private async Task<TestBot> AtThePhotoQuestionAsync(string channelId)
    {
        var bot = TestBot.Create(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_time)));
        IReadOnlyList<Activity> replies = [];
        foreach (var text in new[] { "1", "王小明", "13800138000" })
        {
            replies = await bot.SendAsync(On(channelId, text));
        }

        Assert.Contains(TestIntakeDialog.AskPhoto, replies.Last().Shown(), StringComparison.Ordinal);
        Assert.Equal([Texts.SkipButton], replies.Last().SuggestedActions!.Actions.Select(a => a.Title));
        return bot;
    }

    private static Activity WeChat(string? text) => On("wechat", text);

    private static Activity On(string channelId, string? text)
    {
        var activity = TestActivities.Message(text);
        activity.ChannelId = channelId;
        return activity;
    }
}
