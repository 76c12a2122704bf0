using CitizenBot.Channels.Turns;

namespace CitizenBot.Bot.Turns;

/// <summary>The turn pipeline with its embedded stores; <c>AddScaleOut</c> later swaps the stores for shared ones.</summary>
internal static class EmbeddedTurns
{
    /// <summary>The file of conversation state and references under the data folder, apart from <c>citizenbot.db</c>.</summary>
    public const string DatabaseFileName = "state.db";

    public static IServiceCollection AddEmbeddedTurns(this IServiceCollection services, string dataDirectory)
    {
        // Resolved only by the embedded stores, so a scaled-out bot never creates the file.
        services.AddSingleton(_ => new SqliteTurnDatabase(Path.Combine(dataDirectory, DatabaseFileName)));
        services.AddSingleton<IConversationStateStore, SqliteConversationStateStore>();
        services.AddSingleton<IConversationReferenceStore, SqliteConversationReferenceStore>();
        services.AddSingleton<IConversationLock, InProcessConversationLock>();
        services.AddSingleton<ITurnProcessor, TurnPipeline>();
        services.AddSingleton<ProactiveMessenger>();
        return services;
    }
}
