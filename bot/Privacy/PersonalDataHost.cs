using CitizenBot.Dialogs.Privacy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenBot.Bot.Privacy;

/// <summary>The citizen's control of their own data: what <c>Program.cs</c> adds.</summary>
public static class PersonalDataHost
{
    /// <summary>
    /// Registers the bot's <see cref="IPersonalDataDesk"/> (replacing the dialogs' unavailable default), the pending
    /// erasures of citizens who left, and the daily clean-up job. Binds <see cref="PrivacyOptions"/> from <c>Privacy</c>.
    /// Needs what <c>AddTicketing</c> and the turn stores register (database, photo folder, Hangfire).
    /// </summary>
    public static IServiceCollection AddPersonalData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PendingErasures>();
        services.AddSingleton<PersonalDataDesk>();
        services.RemoveAll<IPersonalDataDesk>();
        services.AddSingleton<IPersonalDataDesk>(sp => sp.GetRequiredService<PersonalDataDesk>());
        services.AddTransient<PrivacyJobs>();
        services.AddHostedService<PrivacyStartup>();
        return services;
    }
}
