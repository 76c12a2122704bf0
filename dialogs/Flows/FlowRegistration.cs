using CitizenBot.Dialogs.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Dialogs.Flows;

/// <summary>How a flow joins the bot: its dialog is registered and its entry appears in the menu.</summary>
internal static class FlowRegistration
{
    public static IServiceCollection AddFlow<TDialog>(this IServiceCollection services, MenuEntry entry)
        where TDialog : Dialog
    {
        services.AddSingleton<TDialog>();
        services.AddSingleton<Dialog>(sp => sp.GetRequiredService<TDialog>());
        services.AddSingleton(entry);
        return services;
    }
}
