using CitizenBot.Dialogs.Interruptions;

namespace CitizenBot.Bot.Handoff;

/// <summary>"人工" on each channel: what the composition adds.</summary>
public static class HandoffHost
{
    /// <summary>The bot's <see cref="IHumanHandoff"/> (the dialogs add their hotline-only one only where none is). Reads the <c>Handoff</c> section.</summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IHumanHandoff, ChannelHumanHandoff>();
        return services;
    }
}
