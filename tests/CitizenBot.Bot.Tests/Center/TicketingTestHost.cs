using System.Collections.Concurrent;
using System.Text.Json;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Storage;
using CitizenBot.Bot.Ticketing;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>The ticketing area alone on a real Kestrel loopback port, with its own data folder and a recording notifier.</summary>
internal sealed class TicketingTestHost : IAsyncDisposable
{
    public const string CenterSecret = "test-center-secret-0123456789";

    private TicketingTestHost(WebApplication app, string dataDirectory, RecordingNotifier notifier)
    {
        App = app;
        DataDirectory = dataDirectory;
        Notifier = notifier;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    public WebApplication App { get; }
    public string DataDirectory { get; }
    public string UploadDirectory => Path.Combine(DataDirectory, "uploads");
    public RecordingNotifier Notifier { get; }
    public Uri BaseUri { get; }
    public IReportDesk Desk => App.Services.GetRequiredService<IReportDesk>();

    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "citizenbot-tk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(path, "uploads"));
        return path;
    }

    /// <param name="centerBaseUrl">Null: the built-in simulated center.</param>
    /// <param name="replace">Registers stand-ins after the ticketing area's own services (the last registration wins).</param>
    /// <param name="postgres">A connection string: the tickets in PostgreSQL (as scaled out) instead of the embedded SQLite.</param>
    public static async Task<TicketingTestHost> StartAsync(
        string dataDirectory, string? centerBaseUrl, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null, string postgres = "")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var values = new Dictionary<string, string?>
        {
            ["Center:BaseUrl"] = centerBaseUrl ?? "",
            ["Center:Secret"] = CenterSecret,
            ["Center:RetryBaseDelay"] = "00:00:00.200",
            ["Center:RetryMaxDelay"] = "00:00:01",
            ["Center:Timeout"] = "00:00:03",
            ["Center:SimulatorStepDelay"] = "00:00:00.300",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        var notifier = new RecordingNotifier();
        builder.Services.AddSingleton<ICitizenNotifier>(notifier);
        var storage = StorageChoice.From(new StorageOptions { DataDirectory = dataDirectory, Postgres = postgres });
        builder.Services.AddStorage(storage);
        builder.Services.AddBackgroundJobs(storage);
        builder.Services.AddTicketing(builder.Configuration, dataDirectory, Path.Combine(dataDirectory, "uploads"));
        replace?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapTicketing();
        app.MapBackgroundJobs();
        await app.StartAsync();
        return new TicketingTestHost(app, dataDirectory, notifier);
    }

    public async Task<T> QueryAsync<T>(Func<CitizenBotDbContext, Task<T>> query)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public static ReportSubmission Submission(Reporter reporter, string description = "楼道里堆满了杂物，堵住了安全出口", IReadOnlyList<string>? photos = null,
        double latitude = 30.005, double longitude = 120.005, string categoryCode = "05-01") =>
        new(reporter, categoryCode, description, photos ?? [], new ReportLocation(latitude, longitude, Address: "示例街道青松社区3号楼"),
            Anonymous: false, ContactName: "张三", ContactPhone: "13800138000");

    public static Reporter Resident(string userId = "user-1") => new("directline", userId, "conv-" + userId);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <param name="Message">The prepared message (a card, with its text as <paramref name="Text"/>); null when only text was sent.</param>
internal sealed record Notification(string ChannelId, string UserId, string Text, IReadOnlyList<string> Choices, Activity? Message = null)
{
    /// <summary>Every string the message's cards hold (titles, facts, lines); empty for a text message.</summary>
    public IReadOnlyList<string> CardWords()
    {
        var words = new List<string>();
        foreach (var card in Message?.Attachments?.Where(a => a.Content is not null) ?? [])
        {
            Collect(card.Content!.Value, words);
        }

        return words;
    }

    private static void Collect(JsonElement element, List<string> words)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                words.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, words);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, words);
                }

                break;
        }
    }
}

internal sealed class RecordingNotifier : ICitizenNotifier
{
    public ConcurrentQueue<Notification> Sent { get; } = new();

    public Task<bool> NotifyAsync(string channelId, string userId, string text, IReadOnlyList<string> suggestedReplies, CancellationToken cancellationToken)
    {
        Sent.Enqueue(new Notification(channelId, userId, text, suggestedReplies));
        return Task.FromResult(true);
    }

    public Task<bool> NotifyAsync(string channelId, string userId, Activity message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(new Notification(channelId, userId, ICitizenNotifier.TextOf(message), ICitizenNotifier.RepliesOf(message), message));
        return Task.FromResult(true);
    }
}

internal static class Eventually
{
    /// <summary>Polls until the condition holds; the timeout only bounds a hung test, it asserts no timing.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 30)
    {
        var deadline = Environment.TickCount64 + timeoutSeconds * 1000L;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail("Timed out waiting: " + because);
            }

            await Task.Delay(25);
        }
    }
}
