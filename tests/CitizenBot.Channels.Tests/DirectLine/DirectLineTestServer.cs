using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Channels.Tests.DirectLine;

/// <summary>The Direct Line endpoints in a real Kestrel host on a free loopback port, with a <see cref="FakeBot"/>.</summary>
internal sealed class DirectLineTestServer : IAsyncDisposable
{
    public const string Secret = "test-secret-0123456789abcdef";

    private readonly WebApplication _app;

    private DirectLineTestServer(WebApplication app, FakeBot bot, string baseUrl, string uploadDirectory)
    {
        _app = app;
        Bot = bot;
        BaseUrl = baseUrl;
        UploadDirectory = uploadDirectory;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public FakeBot Bot { get; }

    public FakeSanitizer Sanitizer { get; private init; } = null!;

    /// <summary>Every file under the upload folder, in any conversation's folder.</summary>
    public string[] StoredFiles() =>
        Directory.Exists(UploadDirectory) ? Directory.GetFiles(UploadDirectory, "*", SearchOption.AllDirectories) : [];

    public string BaseUrl { get; }

    public string Domain => BaseUrl + "/v3/directline";

    public string UploadDirectory { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static byte[] NewSigningKey() => RandomNumberGenerator.GetBytes(32);

    public static async Task<DirectLineTestServer> StartAsync(
        Action<DirectLineOptions>? configure = null, TimeProvider? time = null, byte[]? signingKey = null, string? uploadDirectory = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var bot = new FakeBot();
        var sanitizer = new FakeSanitizer();
        builder.Services.AddSingleton<ITurnProcessor>(bot);
        builder.Services.AddSingleton<IDirectLineImageSanitizer>(sanitizer);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        uploadDirectory ??= Path.Combine(Path.GetTempPath(), "dl-tests-" + Guid.NewGuid().ToString("N"));
        var key = signingKey ?? NewSigningKey();
        builder.Services.AddDirectLine(o =>
        {
            o.Secret = Secret;
            o.SigningKey = key;
            o.UploadDirectory = uploadDirectory;
            o.LongPollTimeout = time is null ? TimeSpan.FromSeconds(2) : TimeSpan.Zero;

            // Refusals answered at once, unless a test is about holding them.
            o.RefusalDelay = TimeSpan.Zero;
            configure?.Invoke(o);
        });

        var app = builder.Build();
        app.MapDirectLine();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DirectLineTestServer(app, bot, address, uploadDirectory) { Sanitizer = sanitizer };
    }

    public Task IdleAsync() => _app.Services.GetRequiredService<DirectLineTurnRunner>().IdleAsync();

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, "/v3/directline" + path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Http.SendAsync(request);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    /// <summary>Starts a conversation with the secret, as a tool would; returns its id and a user token.</summary>
    public async Task<(string ConversationId, string Token, JsonNode Body)> StartConversationAsync(string userId = "r_tester")
    {
        using var response = await SendAsync(HttpMethod.Post, "/conversations", Secret, Json($$$"""{"user":{"id":"{{{userId}}}"}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadJsonAsync(response);
        return ((string)body["conversationId"]!, (string)body["token"]!, body);
    }

    public async Task<string> PostActivityAsync(string conversationId, string token, string activityJson)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, Json(activityJson));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await ReadJsonAsync(response))["id"]!;
    }

    /// <summary>Polls until <paramref name="done"/> holds for the activities seen so far (long polls, so no spinning).</summary>
    public async Task<List<JsonNode>> PollUntilAsync(string conversationId, string token, Func<List<JsonNode>, bool> done)
    {
        var seen = new List<JsonNode>();
        var watermark = "";
        for (var attempt = 0; attempt < 50 && !done(seen); attempt++)
        {
            using var response = await SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities?watermark={watermark}", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var set = await ReadJsonAsync(response);
            seen.AddRange(set["activities"]!.AsArray().Select(a => a!));
            watermark = (string)set["watermark"]!;
        }

        Assert.True(done(seen), "The expected activities never arrived: " + string.Join(", ", seen.Select(a => a.ToJsonString())));
        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(UploadDirectory))
        {
            Directory.Delete(UploadDirectory, recursive: true);
        }
    }
}
