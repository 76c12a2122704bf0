using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Flows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenBot.Dialogs.LegalAid;

/// <summary>How 法律咨询 joins the bot.</summary>
internal static class LegalAidRegistration
{
    public const string Intent = "legal";

    /// <summary>
    /// Registers the flow, its menu entry and <see cref="LegalAidOptions"/> (section <c>LegalAid</c>). The bot supplies
    /// <see cref="ILegalAdvisor"/>; without one the flow points to 12348.
    /// </summary>
    public static IServiceCollection AddLegalAidFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LegalAidOptions>()
            .Bind(configuration.GetSection(LegalAidOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ILegalAdvisor, UnavailableLegalAdvisor>();
        return services.AddFlow<LegalAidDialog>(
            new MenuEntry(Intent, Texts.MenuLegalAid, LegalAidDialog.DialogId, Order: 20, ["法律援助", "法援", "咨询", "法律问题"]));
    }
}
