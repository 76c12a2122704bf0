using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.GridWorker;
using CitizenBot.Dialogs.Mediation;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Status;
using CitizenBot.Dialogs.Tests.Fakes;
using CitizenBot.Dialogs.Tests.Flows;
using CitizenBot.Dialogs.Flows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenBot.Dialogs.Tests.Harness;

/// <summary>
/// The bot as the turn pipeline runs it: the state is read from bytes before each turn and written back to bytes
/// after it, exactly as it is stored between turns. <see cref="Restart"/> throws the whole object graph away.
/// </summary>
internal sealed class TestBot : IDisposable
{
    public const string ReportTitle = "事件上报";
    public const string MediationTitle = "预约调解";

    private readonly Action<IServiceCollection>? _configure;
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _productMenu;
    private ServiceProvider _services;
    private byte[] _state = new ConversationState().Serialize();

    private TestBot(Action<IServiceCollection>? configure, Dictionary<string, string?> settings, bool productMenu)
    {
        _configure = configure;
        _settings = settings;
        _productMenu = productMenu;
        Rating = new FakeTicketRating(Desk);
        Lifecycle = new FakeTicketLifecycle(Desk);
        _services = Build();
    }

    /// <summary>
    /// A bot for the runtime's own tests: only the two test flows in its menu, 1. 事件上报 (intent report),
    /// 2. 预约调解 (intent mediation). The real flows stay registered (behind in-memory ports) but are not offered.
    /// </summary>
    public static TestBot Create(Action<IServiceCollection>? configure = null, Dictionary<string, string?>? settings = null) =>
        new(configure, settings ?? [], productMenu: false);

    /// <summary>The bot with the real flows and menu, over the in-memory ports <see cref="Desk"/>, <see cref="Rating"/>, <see cref="GridWorkers"/>.</summary>
    public static TestBot CreateWithFlows(Action<IServiceCollection>? configure = null, Dictionary<string, string?>? settings = null) =>
        new(configure, settings ?? [], productMenu: true);

    /// <summary>The ports' fakes; they outlive <see cref="Restart"/> like a database would.</summary>
    public FakeReportDesk Desk { get; } = new();

    public FakeTicketRating Rating { get; }

    public FakeTicketLifecycle Lifecycle { get; }

    public FakeGridWorkerRegistry GridWorkers { get; } = new();

    public FakeMediationDesk Mediation { get; } = new();

    public IServiceProvider Services => _services;

    public ConversationState State
    {
        get => ConversationState.Deserialize(_state);
        set => _state = value.Serialize();
    }

    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        var state = ConversationState.Deserialize(_state);
        var replies = await _services.GetRequiredService<IDialogBot>().OnTurnAsync(activity, state, CancellationToken.None);
        _state = state.Serialize();
        return replies;
    }

    public Task<IReadOnlyList<Activity>> SayAsync(string? text) => SendAsync(TestActivities.Message(text));

    /// <summary>A new process: new services, new dialogs; only the saved state bytes survive.</summary>
    public void Restart()
    {
        _services.Dispose();
        _services = Build();
    }

    public void Dispose() => _services.Dispose();

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddCitizenBotDialogs(configuration);
        services.TryAddSingleton<IReportDesk>(Desk);
        services.TryAddSingleton<ITicketRating>(Rating);
        services.TryAddSingleton<ITicketLifecycle>(Lifecycle);
        services.TryAddSingleton<IGridWorkerRegistry>(GridWorkers);
        services.TryAddSingleton<IMediationDesk>(Mediation);
        if (!_productMenu)
        {
            services.RemoveAll<MenuEntry>();
            services.AddFlow<TestIntakeDialog>(new MenuEntry("report", ReportTitle, TestIntakeDialog.DialogId, 10));
            services.AddFlow<TestDisputeDialog>(new MenuEntry("mediation", MediationTitle, TestDisputeDialog.DialogId, 20));
        }

        _configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
