using CitizenBot.Channels.WeChat.Api;

namespace CitizenBot.Bot.Hosting;

/// <summary>
/// Operator commands run instead of the server: <c>dotnet run --project bot -- wechat-menu [file]</c> replaces the
/// Official Account's custom menu (the platform allows about 1000 changes a day, so this is never done at start).
/// </summary>
internal static class CitizenBotCommands
{
    private const string DefaultMenuFile = "WeChat/wechat-menu.zh-CN.json";

    /// <returns><c>true</c> when <paramref name="args"/> named a command, which has then run.</returns>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args is not ["wechat-menu", ..])
        {
            return false;
        }

        var file = args.Length > 1 && !args[1].StartsWith('-') ? args[1] : Path.Combine(app.Environment.ContentRootPath, DefaultMenuFile);
        await app.Services.GetRequiredService<WeChatApiClient>().CreateMenuAsync(Path.GetFullPath(file), app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        Console.WriteLine($"WeChat menu replaced from {file}.");
        return true;
    }
}
