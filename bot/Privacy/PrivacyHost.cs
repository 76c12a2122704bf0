using CitizenBot.Dialogs.Privacy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenBot.Bot.Privacy;

/// <summary>The citizen's control of their own data: what <c>Program.cs</c> adds.</summary>
public static class PrivacyHost
{
    /// <summary>
    /// Registers the bot's <see cref="IPersonalDataDesk"/> (the dialogs add their unavailable default only where none is),
    /// the pending erasures of citizens who left, and the daily clean-up job. Binds <see cref="PrivacyOptions"/> from
    /// <c>Privacy</c>. Uses the stores of the storage choice, the jobs and the photo folder of <c>AddTicketing</c>, in any order.
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PendingErasures>();
        services.AddSingleton<PersonalDataDesk>();
        services.AddSingleton<IPersonalDataDesk>(sp => sp.GetRequiredService<PersonalDataDesk>());
        services.AddTransient<PrivacyJobs>();
        services.AddHostedService<PrivacyStartup>();
        return services;
    }
}
