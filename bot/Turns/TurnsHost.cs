using CitizenBot.Channels.Turns;

namespace CitizenBot.Bot.Turns;

/// <summary>The turn pipeline; its stores (embedded or shared) come from the storage choice (bot/Storage/StorageHost).</summary>
internal static class TurnsHost
{
    /// <summary>The file of conversation state and references under the data folder, apart from <c>citizenbot.db</c>.</summary>
    public const string DatabaseFileName = "state.db";

    public static IServiceCollection AddTurns(this IServiceCollection services)
    {
        services.AddSingleton<ITurnProcessor, TurnPipeline>();
        services.AddSingleton<ProactiveMessenger>();
        return services;
    }
}
