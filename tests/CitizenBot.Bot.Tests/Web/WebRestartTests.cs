using CitizenBot.Bot.Tests.Hosting;

namespace CitizenBot.Bot.Tests.Web;

/// <summary>The bot process restarts while a resident is in the middle of a report; the page carries on where it was.</summary>
[Trait("Category", "Browser")]
public sealed class WebRestartTests
{
    [Fact]
    public async Task BotRestarted_MidReport_PageContinuesTheSameFlow()
    {
        var port = BotServer.FreePort();
        var data = Directory.CreateTempSubdirectory("citizenbot-restart-").FullName;
        await using var browser = await BrowserSession.LaunchAsync();
        var context = await browser.NewContextAsync();
        var chat = new WebChatDriver(await context.NewPageAsync());

        var first = new BotServer(data, port: port);
        await chat.Page.GotoAsync(first.BaseAddress.ToString());
        await chat.WaitForBotAsync("您好");
        await chat.TapAsync("事件上报");
        await chat.WaitForBotAsync("请选择要上报的问题类别");
        await chat.TapAsync("私搭乱建/违法建设");
        await chat.WaitForBotAsync("请拍摄或上传现场照片");
        await first.DisposeAsync();

        await using var second = new BotServer(data, port: port);
        await chat.TapAsync("跳过");

        // Web Chat re-opens its stream by itself (DirectLineJS waits 3–15 s); the flow goes on at the next question.
        await chat.WaitForBotAsync("问题在哪里");
        Assert.Equal(0, await chat.Page.GetByText("发送失败").CountAsync());
    }
}
