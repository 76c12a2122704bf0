using CitizenBot.Bot.Storage;
using CitizenBot.Dialogs.Mediation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Mediation;

/// <summary>
/// Online video mediation (ODR): bodies and mediators, free slots, bookings, invitations, reminders and the join
/// links. Uses the database and jobs of the storage choice and the citizen notifier of <c>AddTicketing</c>, in any order.
/// </summary>
public static class MediationHost
{
    /// <param name="dataDirectory">Absolute data folder; the link-signing key is kept under <c>keys/</c> unless configured.</param>
    public static IServiceCollection AddMediation(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MediationOptions>().BindConfiguration(MediationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Hosting.SelfAddress>();
        services.AddSingleton<MediationCatalog>();
        services.AddSingleton<MediationCalendar>();
        services.AddSingleton(sp => new MediationLinks(
            LinkKey(sp.GetRequiredService<IOptions<MediationOptions>>().Value, dataDirectory), sp.GetRequiredService<Hosting.SelfAddress>()));
        services.TryAddSingleton<IVideoRoomProvider, JitsiRoomProvider>();
        services.TryAddSingleton<IPartyMessenger, UnconfiguredPartyMessenger>();
        services.AddSingleton<MediationScheduler>();
        services.AddSingleton<MediationDesk>();
        services.AddSingleton<IMediationDesk>(sp => sp.GetRequiredService<MediationDesk>());
        services.AddTransient<MediationJobs>();
        services.AddHostedService<MediationStartup>();
        return services;
    }

    /// <summary><c>/api/mediation/…</c>, <c>/mediation/{id}/…</c> (join, QR, calendar, invitation) and <c>/ops/mediation/sessions</c>.</summary>
    public static IEndpointRouteBuilder MapMediation(this IEndpointRouteBuilder endpoints) => endpoints.MapMediationApi();

    private static byte[] LinkKey(MediationOptions options, string dataDirectory) =>
        string.IsNullOrEmpty(options.SigningKey) ? SecretKeyFile.LoadOrCreate(dataDirectory, "mediation-links") : Convert.FromBase64String(options.SigningKey);
}
