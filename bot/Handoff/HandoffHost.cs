using CitizenBot.Dialogs.Interruptions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenBot.Bot.Handoff;

/// <summary>"人工" on each channel: what <c>Program.cs</c> adds (after the dialogs, the Direct Line channel and ticketing).</summary>
public static class HandoffHost
{
    /// <summary>Replaces the dialogs' hotline-only <see cref="IHumanHandoff"/>. Reads the <c>Handoff</c> section.</summary>
    public static IServiceCollection AddHumanHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton<IHumanHandoff, ChannelHumanHandoff>());
        return services;
    }
}
