using CitizenBot.Bot.BotApi;
using CitizenBot.Bot.Handoff;
using CitizenBot.Bot.Insight;
using CitizenBot.Bot.Knowledge;
using CitizenBot.Bot.Mediation;
using CitizenBot.Bot.Ops;
using CitizenBot.Bot.Privacy;
using CitizenBot.Bot.Storage;
using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Ticketing;
using CitizenBot.Bot.Turns;
using CitizenBot.Bot.Understanding;
using CitizenBot.Bot.Web;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.WeChat;
using CitizenBot.Dialogs;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Channels.WeChat.Hosting;

namespace CitizenBot.Bot;

/// <summary>The composition of the bot: each area adds its services and maps its endpoints here, in one list.</summary>
internal static class CitizenBotHost
{
    /// <summary>Stands in for the AppId until a real Official Account is configured; plaintext mode does not use it.</summary>
    private const string WeChatUnconfiguredAppId = "wx-not-configured";

    public static WebApplicationBuilder AddCitizenBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddCitizenBot(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Every service of the bot. The storage choice is read first and made once; then the bot's features, in any
    /// order (none replaces or removes what another registered); then the channels and the dialogs, which add their
    /// defaults only where no feature registered its own (<c>TryAdd</c>): the stores of a scaled-out bot, the upload
    /// check, 人工 per channel, 我的信息, the legal advisor.
    /// </summary>
    public static IServiceCollection AddCitizenBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var storage = StorageChoice.From(configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions());
        var dataDirectory = storage.DataDirectory;
        var uploadDirectory = configuration["DirectLine:UploadDirectory"] is { Length: > 0 } configuredUploads
            ? Path.GetFullPath(configuredUploads)
            : Path.Combine(dataDirectory, "uploads");

        services.AddReverseProxySupport(configuration);
        services.AddServerLimits(configuration);
        services.AddStorage(storage);
        services.AddBackgroundJobs(storage);
        services.AddTurns();
        services.AddHostedService<UnderstandingWarmup>();
        services.AddWebChatPage();
        services.AddTicketing(configuration, dataDirectory, uploadDirectory);
        services.AddMediation(configuration, dataDirectory);
        services.AddInsight(dataDirectory);
        services.AddHandoff(configuration);
        services.AddPrivacy(configuration);
        services.AddLegalAidKnowledge(configuration);
        services.AddBotFrameworkEndpoint();
        services.AddHealthChecks();

        services.AddCitizenBotDialogs(configuration);
        services.AddDirectLine(options =>
        {
            // Embedded default: keys generated once and kept under the data folder. Scaled out, configure them.
            if (options.SigningKey.Length == 0)
            {
                options.SigningKey = SecretKeyFile.LoadOrCreate(dataDirectory, "directline-signing");
            }

            if (string.IsNullOrEmpty(options.Secret))
            {
                options.Secret = Convert.ToBase64String(SecretKeyFile.LoadOrCreate(dataDirectory, "directline-secret"));
            }

            options.UploadDirectory = uploadDirectory;
            options.TurnFailedText = Texts.DirectLineTurnFailed;
            // It names the hotlines: as markdown, so that each is a tel: link (Web Chat reads a message without a format as markdown).
            options.TooManyMessagesText = Markdown.FromPlain(Texts.DirectLineTooManyMessages) ?? Texts.DirectLineTooManyMessages;
            options.MessageTooLongText = Texts.DirectLineMessageTooLong;
            options.UploadRefusedText = Texts.DirectLineUploadRefused;
            options.BotName = Texts.DirectLineBotName;
        });
        services.AddWeChatChannel(configuration);
        services.PostConfigure<WeChatOptions>(options =>
        {
            // Embedded default: the endpoint is live with a generated callback Token (data/keys/wechat-token.key),
            // so the URL check can be tried at once. A real Official Account configures its own values.
            if (string.IsNullOrEmpty(options.Token))
            {
                options.Token = Convert.ToHexString(SecretKeyFile.LoadOrCreate(dataDirectory, "wechat-token", 16));
            }

            if (string.IsNullOrEmpty(options.AppId))
            {
                options.AppId = WeChatUnconfiguredAppId;
            }
        });
        return services;
    }

    public static WebApplication MapCitizenBot(this WebApplication app)
    {
        app.UseReverseProxySupport();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.MapDirectLine();
        app.MapWebChatPage();
        app.MapWeChatEndpoints();
        app.MapTicketing();
        app.MapBackgroundJobs();
        app.MapMediation();
        app.MapInsight();
        app.MapKnowledgeApi();
        app.MapBotFrameworkEndpoint();
        app.MapOpsEndpoints();
        return app;
    }
}
