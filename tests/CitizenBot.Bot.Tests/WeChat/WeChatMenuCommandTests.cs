using CitizenBot.Testing.WeChat;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CitizenBot.Bot.Tests.WeChat;

[Trait("Category", "Integration")]
public sealed class WeChatMenuCommandTests
{
    [Fact]
    public async Task WeChatMenuCommand_DefaultFile_ReplacesTheAccountMenuWithTheShippedOne()
    {
        await using var api = await FakeWeChatApi.StartAsync();
        var data = Directory.CreateTempSubdirectory("citizenbot-menu-").FullName;
        var settings = WeChatCitizen.Settings(api.BaseUrl);
        settings["Storage:DataDirectory"] = data;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["wechat-menu"],
            ContentRootPath = BotContentRoot(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCitizenBot();
        await using var app = builder.Build();

        var ran = await CitizenBotCommands.TryRunAsync(app, ["wechat-menu"]);

        Assert.True(ran);
        var menu = Assert.Single(api.Calls, c => c.Path == "/cgi-bin/menu/create").Body;
        Assert.Equal("事件上报", (string?)menu["button"]![0]!["name"]);
        Assert.Equal("REPORT", (string?)menu["button"]![0]!["key"]);
    }

    [Fact]
    public async Task TryRunAsync_NoCommand_LeavesTheServerToRun()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = BotContentRoot() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Directory.CreateTempSubdirectory("citizenbot-menu-").FullName });
        builder.AddCitizenBot();
        await using var app = builder.Build();

        Assert.False(await CitizenBotCommands.TryRunAsync(app, []));
    }

    private static string BotContentRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "bot"));
}
