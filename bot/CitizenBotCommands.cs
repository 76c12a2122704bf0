using System.Globalization;
using CitizenBot.Bot.Insight;
using CitizenBot.Channels.WeChat.Api;

namespace CitizenBot.Bot;

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
        if (args is ["seed-tickets", ..])
        {
            await SeedTicketsAsync(app, args).ConfigureAwait(false);
            return true;
        }

        if (args is not ["wechat-menu", ..])
        {
            return false;
        }

        var file = args.Length > 1 && !args[1].StartsWith('-') ? args[1] : Path.Combine(app.Environment.ContentRootPath, DefaultMenuFile);
        await app.Services.GetRequiredService<IWeChatMenu>().CreateMenuAsync(Path.GetFullPath(file), app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        Console.WriteLine($"WeChat menu replaced from {file}.");
        return true;
    }

    /// <summary><c>seed-tickets [count=200000] [days=365]</c>: SAMPLE tickets for the staff console (bot/Insight/TicketSeeder.cs).</summary>
    private static async Task SeedTicketsAsync(WebApplication app, string[] args)
    {
        int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var (count, days) = (Arg(1, 200_000), Arg(2, 365));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await app.Services.GetRequiredService<TicketSeeder>().SeedAsync(count, days, randomSeed: 20261204, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        Console.WriteLine($"Seeded {result.Tickets} SAMPLE tickets over {days} days ({result.History} history rows, {result.Ratings} ratings, {result.Hotspots} hotspots, {result.Bookings} mediation bookings) in {started.Elapsed.TotalSeconds:0.0} s.");
    }
}
