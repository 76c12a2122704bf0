using System.Net.Http.Headers;
using System.Security.Cryptography;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Mediation;
using CitizenBot.Bot.Tests.Center;
using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Storage;
using CitizenBot.Bot.Ticketing;
using CitizenBot.Channels.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Bot.Tests.Mediation;

/// <summary>
/// Ticketing plus mediation on a real Kestrel loopback port, with its own SQLite file, a fake clock (Friday
/// 27 November 2026, 10:00 China time), Direct Line tokens for citizens and a recording notifier.
/// </summary>
internal sealed class MediationTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Friday10 = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));

    private MediationTestHost(WebApplication app, string dataDirectory, FakeTimeProvider time, RecordingNotifier notifier, RecordingPartyMessenger party)
    {
        App = app;
        DataDirectory = dataDirectory;
        Time = time;
        Notifier = notifier;
        Party = party;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
        NoRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Http.BaseAddress };
    }

    public WebApplication App { get; }
    public string DataDirectory { get; }
    public FakeTimeProvider Time { get; }
    public RecordingNotifier Notifier { get; }
    public RecordingPartyMessenger Party { get; }
    public HttpClient Http { get; }
    public HttpClient NoRedirects { get; }
    public MediationDesk Desk => App.Services.GetRequiredService<MediationDesk>();

    public static async Task<MediationTestHost> StartAsync(string? dataDirectory = null, IDictionary<string, string?>? settings = null, bool partyReachable = false)
    {
        dataDirectory ??= TicketingTestHost.NewDataDirectory();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var values = new Dictionary<string, string?>
        {
            ["Center:BaseUrl"] = "",
            ["Center:Secret"] = TicketingTestHost.CenterSecret,
            ["Mediation:VideoBaseUrl"] = "https://meet.example.org/",
            ["Mediation:Holidays:0"] = "2026-12-01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        var time = new FakeTimeProvider(Friday10);
        var notifier = new RecordingNotifier();
        var party = new RecordingPartyMessenger(partyReachable);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ICitizenNotifier>(notifier);
        builder.Services.AddSingleton<IPartyMessenger>(party);
        builder.Services.AddSingleton(new DirectLineTokens(
            Options.Create(new DirectLineOptions { SigningKey = RandomNumberGenerator.GetBytes(32), Secret = "test-secret-0123456789" }), time));
        builder.Services.AddSingleton<IDirectLineTokenGate, DirectLineTokenGate>();
        var storage = StorageChoice.Embedded(dataDirectory);
        builder.Services.AddStorage(storage);
        builder.Services.AddBackgroundJobs(storage);
        builder.Services.AddTicketing(builder.Configuration, dataDirectory, Path.Combine(dataDirectory, "uploads"));
        builder.Services.AddMediation(builder.Configuration, dataDirectory);
        // No Hangfire server: the clock here is fake and Hangfire's is real, so its scheduler would take every job that
        // is due by the real calendar (all of them, once the machine's date passes the fake one) out of Scheduled at
        // its next poll, racing the tests that read what was scheduled. The tests run the jobs themselves.
        var servers = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationFactory?.Method.ReturnType == typeof(BackgroundJobServerHostedService)).ToList();
        if (servers.Count == 0)
        {
            throw new InvalidOperationException("The Hangfire server's registration was not found; the mediation tests would race its scheduler.");
        }

        servers.ForEach(server => builder.Services.Remove(server));

        var app = builder.Build();
        app.MapTicketing();
        app.MapMediation();
        await app.StartAsync();
        return new MediationTestHost(app, dataDirectory, time, notifier, party);
    }

    /// <summary>A request authorised as a web citizen (their Direct Line token).</summary>
    public HttpRequestMessage AsCitizen(HttpMethod method, string path, string userId = "dl_citizen-1", HttpContent? content = null)
    {
        var token = App.Services.GetRequiredService<DirectLineTokens>().Issue(new DirectLineGrant("conv-" + userId, userId)).Token;
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public async Task<T> QueryAsync<T>(Func<CitizenBotDbContext, Task<T>> query)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        NoRedirects.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

internal sealed class RecordingPartyMessenger(bool reachable) : IPartyMessenger
{
    public List<(PartyAddress To, string Text)> Sent { get; } = [];

    public Task<bool> SendAsync(PartyAddress to, string text, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add((to, text));
        }

        return Task.FromResult(reachable);
    }
}
