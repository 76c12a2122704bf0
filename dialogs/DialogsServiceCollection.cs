using CitizenBot.Dialogs.GridWorker;
using CitizenBot.Dialogs.Interruptions;
using CitizenBot.Dialogs.LegalAid;
using CitizenBot.Dialogs.Main;
using CitizenBot.Dialogs.Mediation;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Safety;
using CitizenBot.Dialogs.Status;
using CitizenBot.Dialogs.Understanding;
using CitizenBot.Dialogs.Flows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenBot.Dialogs;

/// <summary>Composes the dialogs for the bot: the runtime, the prompts, Main with its menu, and every flow.</summary>
public static class DialogsServiceCollection
{
    /// <summary>
    /// Registers <see cref="IDialogBot"/> and what it needs. Reads <c>Bot:HumanHotline</c> and <c>Bot:HumanHotlineHours</c>.
    /// A channel that can hand a conversation to a person registers its own <see cref="IHumanHandoff"/> (before or after).
    /// </summary>
    public static IServiceCollection AddCitizenBotDialogs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DialogsOptions>()
            .Bind(configuration.GetSection(DialogsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IHumanHandoff, HotlineHandoff>();
        services.TryAddSingleton<ISecondOpinion, NoSecondOpinion>();

        // The shared prompts; a flow that needs a validator adds its own prompt instance with AddDialog.
        services.AddSingleton<Dialog>(new TextPrompt());
        services.AddSingleton<Dialog>(new ChoicePrompt());
        services.AddSingleton<Dialog>(new ConfirmPrompt());
        services.AddSingleton<Dialog>(new SummaryPrompt());
        services.AddSingleton<Dialog>(new PhotoPrompt());
        services.AddSingleton<Dialog>(new LocationPrompt());
        services.AddSingleton<Dialog>(new PhonePrompt());

        // Flows: each adds itself to the menu here, e.g. services.AddReportFlow();
        services.AddFlow<ReportDialog>(new MenuEntry("report", Texts.MenuReport, ReportDialog.DialogId, Order: 10, ["上报", "随手拍", "举报"], StartsOnMedia: true));
        services.AddLegalAidFlow(configuration);
        services.AddFlow<MediationDialog>(new MenuEntry("mediation", Texts.MenuMediation, MediationDialog.DialogId, Order: 30, ["调解", "视频调解", "我的调解", "我的预约", "调解预约"]));
        services.AddFlow<StatusDialog>(new MenuEntry(
            "status", Texts.MenuStatus, StatusDialog.DialogId, Order: 40, ["进度查询", "查询工单", "我的工单"], Claims: text => TicketCommand.TryRead(text) is not null));
        services.AddFlow<GridWorkerDialog>(new MenuEntry("gridworker", Texts.MenuGridWorker, GridWorkerDialog.DialogId, Order: 50, ["网格员", "我的积分", "注册网格员"]));

        // Emergencies first at every step, abuse limits, and the citizen's own data.
        services.AddSafety(configuration);

        // 人工 with a call-back desk (the web): a short dialog on top of whatever flow is running.
        services.AddSingleton<Dialog, HumanCallbackDialog>();

        // Unsure what a message meant: the likeliest choices as buttons.
        services.AddSingleton<Dialog, ClarifyDialog>();

        services.AddSingleton(sp => new DialogSet(sp.GetServices<Dialog>()));
        services.AddSingleton<MainMenu>();
        services.AddSingleton(_ => EmbeddedModels.Classifier);
        services.AddSingleton<Understander>();
        services.AddSingleton<MainFlow>();
        services.AddSingleton<InterruptionHandler>();
        services.AddSingleton<IDialogBot>(sp => new DialogBot(
            sp.GetRequiredService<DialogSet>(),
            sp.GetRequiredService<MainFlow>(),
            sp.GetRequiredService<InterruptionHandler>(),
            sp.GetRequiredService<SafetyGate>(),
            sp.GetRequiredService<Understander>(),
            sp.GetRequiredService<MainMenu>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<DialogBot>>() ?? NullLogger<DialogBot>.Instance));
        return services;
    }
}
