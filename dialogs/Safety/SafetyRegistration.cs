using CitizenBot.Dialogs.Privacy;
using CitizenBot.Dialogs.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenBot.Dialogs.Safety;

/// <summary>How safety joins the bot: emergencies, abuse limits and the citizen's own data.</summary>
internal static class SafetyRegistration
{
    /// <summary>
    /// Registers the emergency answer, the abuse guard, "我的信息"/"删除我的信息" and <see cref="SafetyOptions"/> (section
    /// <c>Safety</c>). The bot supplies <see cref="IPersonalDataDesk"/>; without one the data commands say where to ask.
    /// </summary>
    public static IServiceCollection AddSafety(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SafetyOptions>()
            .Bind(configuration.GetSection(SafetyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EmergencyDetector>();
        services.AddSingleton<EmergencyResumeOffer>();
        services.AddSingleton<EmergencyFollowUp>();
        services.AddSingleton<EmergencyResponder>();
        services.AddSingleton<AbuseWords>();
        services.AddSingleton<AbuseGuard>();
        services.AddSingleton<SafetyGate>();
        services.AddSingleton<EmergencyReportDialog>();
        services.AddSingleton<Runtime.Dialog>(sp => sp.GetRequiredService<EmergencyReportDialog>());

        services.TryAddSingleton<IPersonalDataDesk, UnavailablePersonalDataDesk>();
        services.AddSingleton<PersonalDataHandler>();
        services.AddSingleton<EraseMyDataDialog>();
        services.AddSingleton<Runtime.Dialog>(sp => sp.GetRequiredService<EraseMyDataDialog>());
        return services;
    }
}
