using CitizenBot.Bot.BotApi;
using CitizenBot.Bot.Ops;
using CitizenBot.Bot.Storage;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Turns;

namespace CitizenBot.Bot.Hosting;

/// <summary>The composition of the bot: each area adds its services and maps its endpoints here, in one list.</summary>
internal static class CitizenBotHost
{
    public static WebApplicationBuilder AddCitizenBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var dataDirectory = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.ResolveDataDirectory()
            ?? new StorageOptions().ResolveDataDirectory();
        var database = Path.Combine(dataDirectory, "citizenbot.db");

        services.AddSingleton<IConversationStateStore>(_ => new SqliteConversationStateStore(database));
        services.AddSingleton<IConversationReferenceStore>(_ => new SqliteConversationReferenceStore(database));
        services.AddSingleton<IConversationLock, InProcessConversationLock>();
        services.AddSingleton<ITurnDeduplicator, InProcessTurnDeduplicator>();
        services.AddSingleton<ITurnProcessor, TurnPipeline>();
        services.AddSingleton<ProactiveMessenger>();

        services.AddBotFrameworkEndpoint();
        services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapCitizenBot(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapBotFrameworkEndpoint();
        app.MapOpsEndpoints();
        return app;
    }
}
