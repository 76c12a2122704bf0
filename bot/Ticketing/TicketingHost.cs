using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Ticketing.Center.Simulator;
using CitizenBot.Bot.Ticketing.Geo;
using CitizenBot.Bot.Ticketing.GridWorker;
using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Ticketing.Photos;
using CitizenBot.Bot.Ticketing.Tickets;
using CitizenBot.Bot.Storage;
using CitizenBot.Dialogs.GridWorker;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Status;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing;

/// <summary>
/// Tickets, photos, grids, grid workers and the center loop ("一网归集、一网分流、一网办理、一网反馈"): what
/// <c>Program.cs</c> adds and maps.
/// </summary>
public static class TicketingHost
{
    /// <param name="dataDirectory">Absolute data folder: <c>citizenbot.db</c>, <c>photos/</c>, <c>keys/</c>.</param>
    /// <param name="uploadDirectory">The Direct Line upload folder (the Direct Line server owns it; attachments are read through it, never fetched).</param>
    public static IServiceCollection AddTicketing(this IServiceCollection services, IConfiguration configuration, string dataDirectory, string uploadDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TicketingOptions>().BindConfiguration(TicketingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PhotoOptions>().BindConfiguration(PhotoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GeoOptions>().BindConfiguration(GeoOptions.SectionName);
        services.AddOptions<GridWorkerOptions>().BindConfiguration(GridWorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CenterOptions>().BindConfiguration(CenterOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.UsesSimulator || (Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _) && o.Secret.Length >= 16),
                "Center:BaseUrl must be an absolute URL and Center:Secret at least 16 characters; leave Center:BaseUrl empty to use the simulated center.")
            .Validate(o => o.PushClaimLifetime > o.Timeout, "Center:PushClaimLifetime must be longer than Center:Timeout, or a slow push could be claimed twice.")
            .ValidateOnStart();

        services.AddSingleton<Taxonomy>();
        services.AddSingleton<GridMap>();
        services.AddSingleton(new PhotoFolder(Path.Combine(dataDirectory, "photos")));
        services.AddSingleton(new PhotoSource(uploadDirectory));
        // The Direct Line channel refuses every upload unless the bot checks them (its default is added only where none is).
        services.AddSingleton<CitizenBot.Channels.DirectLine.IDirectLineImageSanitizer, UploadSanitizer>();
        services.AddSingleton(sp => new PhotoUrlSigner(PhotoKey(sp.GetRequiredService<IOptions<PhotoOptions>>().Value, dataDirectory), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PhotoIntakeService>();
        services.AddSingleton<GridWorkerRegistry>();
        services.AddSingleton<IGridWorkerRegistry>(sp => sp.GetRequiredService<GridWorkerRegistry>());
        services.AddSingleton<TicketNumbers>();
        services.AddSingleton<AnswerClock>();
        services.AddSingleton<IReportDesk, ReportDesk>();
        services.AddSingleton<ITicketRating, TicketRating>();
        services.AddSingleton<ITicketLifecycle, TicketLifecycle>();

        services.TryAddSingleton<SelfAddress>();
        services.AddSingleton(sp => new CenterEndpointResolver(sp.GetRequiredService<IOptions<CenterOptions>>(), sp.GetRequiredService<SelfAddress>(), dataDirectory));
        services.AddSingleton<CenterDispatcher>();
        services.AddSingleton<CenterCallbackProcessor>();
        services.AddSingleton<SimulatedCenterState>();
        services.TryAddSingleton<ICitizenNotifier, ProactiveCitizenNotifier>();
        services.AddHttpClient<CenterClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<CenterOptions>>().Value.Timeout);
        services.AddHttpClient<SimulatedCenterJob>();
        services.AddSingleton(new RetryJitter(Random.Shared.NextDouble));
        services.AddTransient<CenterPushJob>();
        services.AddTransient<CitizenNotificationJob>();
        services.AddTransient<NewTicketsJob>();

        // Before every hosted service starts (IHostedLifecycleService.StartingAsync): migrate, rebuild the queue from the outbox.
        services.AddHostedService<TicketingStartup>();
        services.AddHostedService<OutboxSweeper>();
        services.AddSingleton<OverdueWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<OverdueWatch>());
        return services;
    }

    /// <summary>Photo links, center callbacks and the simulated center (when no real one is configured).</summary>
    public static IEndpointRouteBuilder MapTicketing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPhotoEndpoints();
        endpoints.MapCenterCallbacks();
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<CenterOptions>>().Value.UsesSimulator)
        {
            endpoints.MapSimulatedCenter();
        }

        return endpoints;
    }

    private static byte[] PhotoKey(PhotoOptions options, string dataDirectory) =>
        string.IsNullOrEmpty(options.SigningKey) ? SecretKeyFile.LoadOrCreate(dataDirectory, "photo-urls") : Convert.FromBase64String(options.SigningKey);
}
