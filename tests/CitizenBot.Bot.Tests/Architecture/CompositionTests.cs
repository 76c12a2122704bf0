using System.Collections;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Handoff;
using CitizenBot.Bot.Scale;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.Turns;
using CitizenBot.Channels.WeChat.Security;
using CitizenBot.Dialogs.Flows;
using CitizenBot.Dialogs.Interruptions;
using CitizenBot.Dialogs.LegalAid;
using CitizenBot.Dialogs.Privacy;
using CitizenBot.Dialogs.Runtime;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CitizenBot.Bot.Tests.Architecture;

/// <summary>
/// The composition (bot/CitizenBotHost.cs), embedded and scaled out: the storage choice is made once, so no feature
/// replaces or removes what another registered, and every service the bot has one of is registered once.
/// </summary>
public sealed class CompositionTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "citizenbot-composition-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<bool> Shapes => new() { false, true };

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Composition_NothingRegisteredIsRemovedOrReplaced(bool scaledOut)
    {
        var services = Compose(scaledOut);

        Assert.Empty(services.Removed.Select(d => d.ServiceType.FullName));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Composition_EveryServiceOfOursIsRegisteredOnce(bool scaledOut)
    {
        var services = Compose(scaledOut);
        // Meant to be many: one sender per channel, every hosted service, a placed ticket's watches, the flows and their menu entries.
        var many = new HashSet<Type>
        {
            typeof(IChannelSender), typeof(Microsoft.Extensions.Hosting.IHostedService), typeof(IPlacedTicketWatch), typeof(Dialog), typeof(MenuEntry),
        };
        var single = new HashSet<Type>
        {
            typeof(TimeProvider), typeof(JobStorage), typeof(JobActivator), typeof(IConnectionMultiplexer),
            typeof(IDbContextFactory<CitizenBotDbContext>),
        };

        var twice = services
            .Where(d => !d.IsKeyedService && !many.Contains(d.ServiceType)
                && (single.Contains(d.ServiceType) || d.ServiceType.Assembly.GetName().Name!.StartsWith("CitizenBot.", StringComparison.Ordinal)))
            .GroupBy(d => d.ServiceType)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.FullName} ×{g.Count()}")
            .ToList();

        Assert.Empty(twice);
    }

    [Fact]
    public void Embedded_StoresAreTheEmbeddedOnes()
    {
        var services = Compose(scaledOut: false);

        Assert.Equal(typeof(SqliteConversationStateStore), ImplementationOf<IConversationStateStore>(services));
        Assert.Equal(typeof(InProcessConversationLock), ImplementationOf<IConversationLock>(services));
        Assert.Equal("InMemoryDirectLineConversationStore", ImplementationOf<IDirectLineConversationStore>(services).Name);
        Assert.Equal("InMemoryWeChatReplayGuard", ImplementationOf<IWeChatReplayGuard>(services).Name);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IConnectionMultiplexer));
        using var provider = services.BuildServiceProvider();
        Assert.IsType<InMemoryStorage>(provider.GetRequiredService<JobStorage>());
    }

    [Fact]
    public void ScaledOut_StoresAreTheSharedOnes()
    {
        var services = Compose(scaledOut: true);

        Assert.Equal(typeof(RedisConversationStateStore), ImplementationOf<IConversationStateStore>(services));
        Assert.Equal(typeof(RedisConversationLock), ImplementationOf<IConversationLock>(services));
        Assert.Equal(typeof(RedisDirectLineConversationStore), ImplementationOf<IDirectLineConversationStore>(services));
        Assert.Equal(typeof(RedisWeChatReplayGuard), ImplementationOf<IWeChatReplayGuard>(services));
        using var provider = services.BuildServiceProvider();
        using var db = provider.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContext();
        Assert.IsType<PostgresCitizenBotDbContext>(db);
    }

    [Fact]
    public void Features_TheirPortsAreTheBotsNotTheDialogsDefaults()
    {
        var services = Compose(scaledOut: false);

        Assert.Equal(typeof(ChannelHumanHandoff), ImplementationOf<IHumanHandoff>(services));
        Assert.Equal("UploadSanitizer", ImplementationOf<IDirectLineImageSanitizer>(services).Name);
        // The bot's are registered through their concrete classes (a factory); the dialogs' defaults by type.
        Assert.NotNull(Assert.Single(services, d => d.ServiceType == typeof(IPersonalDataDesk)).ImplementationFactory);
        Assert.NotNull(Assert.Single(services, d => d.ServiceType == typeof(ILegalAdvisor)).ImplementationFactory);
    }

    [Fact]
    public void RedisWithoutPostgres_IsRefusedBeforeAnythingIsRegistered()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Compose(scaledOut: true, postgres: ""));

        Assert.Contains("Storage:Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedWithoutItsJobServer_IsRefusedBeforeAnythingIsRegistered()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Compose(scaledOut: false, jobServer: false));

        Assert.Contains("Storage:JobServer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void ScaledOut_RunsAHangfireServerUnlessToldNotTo(bool jobServer, int servers)
    {
        var services = Compose(scaledOut: true, jobServer: jobServer);

        Assert.Equal(servers, services.Count(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationFactory?.Method.ReturnType.Name == "BackgroundJobServerHostedService"));
    }

    private RecordingServiceCollection Compose(bool scaledOut, string postgres = "Host=127.0.0.1;Port=1;Database=citizenbot", bool jobServer = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _dataDirectory,
            ["Storage:JobServer"] = jobServer ? "true" : "false",
        };
        if (scaledOut)
        {
            settings["Storage:Redis"] = "127.0.0.1:1";
            settings["Storage:Postgres"] = postgres;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new RecordingServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCitizenBot(configuration);
        return services;
    }

    private static Type ImplementationOf<T>(IServiceCollection services) =>
        Assert.Single(services, d => d.ServiceType == typeof(T)).ImplementationType ?? throw new InvalidOperationException(typeof(T) + " is registered by a factory.");

    /// <summary>A service collection that remembers every registration taken out of it (Replace, RemoveAll, Remove).</summary>
    private sealed class RecordingServiceCollection : IServiceCollection
    {
        private readonly List<ServiceDescriptor> _descriptors = [];

        public List<ServiceDescriptor> Removed { get; } = [];

        public int Count => _descriptors.Count;

        public bool IsReadOnly => false;

        public ServiceDescriptor this[int index]
        {
            get => _descriptors[index];
            set
            {
                Removed.Add(_descriptors[index]);
                _descriptors[index] = value;
            }
        }

        public void Add(ServiceDescriptor item) => _descriptors.Add(item);

        public void Clear()
        {
            Removed.AddRange(_descriptors);
            _descriptors.Clear();
        }

        public bool Contains(ServiceDescriptor item) => _descriptors.Contains(item);

        public void CopyTo(ServiceDescriptor[] array, int arrayIndex) => _descriptors.CopyTo(array, arrayIndex);

        public IEnumerator<ServiceDescriptor> GetEnumerator() => _descriptors.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public int IndexOf(ServiceDescriptor item) => _descriptors.IndexOf(item);

        public void Insert(int index, ServiceDescriptor item) => _descriptors.Insert(index, item);

        public bool Remove(ServiceDescriptor item)
        {
            Removed.Add(item);
            return _descriptors.Remove(item);
        }

        public void RemoveAt(int index)
        {
            Removed.Add(_descriptors[index]);
            _descriptors.RemoveAt(index);
        }
    }
}
