using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Testing.WeChat;

/// <summary>An in-process stand-in for api.weixin.qq.com on loopback (Kestrel on 127.0.0.1:0).</summary>
public sealed class FakeWeChatApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _tokenRequests;

    private FakeWeChatApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>While set, stable_token answers wait for it, so concurrent callers pile up.</summary>
    public TaskCompletionSource? TokenGate { get; set; }

    /// <summary>Tokens the API calls "invalid" (40001), as after a refresh elsewhere.</summary>
    public ConcurrentDictionary<string, bool> RejectedTokens { get; } = new();

    /// <summary>An errcode every customer-service send answers with (HTTP 200), or 0.</summary>
    public int SendErrorCode { get; set; }

    public ConcurrentQueue<(string Path, string Token, JsonObject Body)> Calls { get; } = new();

    /// <summary>An errcode a template message to this openid answers with (HTTP 200), e.g. 43004 (not a follower).</summary>
    public ConcurrentDictionary<string, int> TemplateErrorCodes { get; } = new();

    /// <summary>While set, template messages answer HTTP 503, as the platform does when it cannot be reached.</summary>
    public bool TemplateUnavailable { get; set; }

    private readonly ConcurrentQueue<JsonObject> _templateMessages = new();

    /// <summary>The template messages the API accepted.</summary>
    public IReadOnlyList<JsonObject> TemplateMessages => [.. _templateMessages];

    public ConcurrentDictionary<string, (byte[] Content, string ContentType)> Media { get; } = new();

    private readonly ConcurrentQueue<TaskCompletionSource<JsonObject>> _waiters = new();
    private readonly ConcurrentQueue<JsonObject> _customMessages = new();

    public IReadOnlyList<JsonObject> CustomMessages => [.. _customMessages];

    public static async Task<FakeWeChatApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeWeChatApi(app);
        app.MapPost("/cgi-bin/stable_token", (Delegate)fake.StableTokenAsync);
        app.MapPost("/cgi-bin/message/custom/send", (Delegate)((HttpContext c) => fake.RecordAsync(c, isCustomMessage: true)));
        app.MapPost("/cgi-bin/message/custom/typing", (Delegate)((HttpContext c) => fake.RecordAsync(c, isCustomMessage: false)));
        app.MapPost("/cgi-bin/message/template/send", (Delegate)((HttpContext c) => fake.RecordAsync(c, isCustomMessage: false)));
        app.MapPost("/cgi-bin/menu/create", (Delegate)((HttpContext c) => fake.RecordAsync(c, isCustomMessage: false)));
        app.MapGet("/cgi-bin/media/get", fake.MediaGet);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    /// <summary>Waits until the API has received <paramref name="count"/> customer-service messages.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForCustomMessagesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_customMessages.Count < count)
        {
            await Task.Delay(20, timeout.Token);
        }

        return CustomMessages;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> StableTokenAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var number = Interlocked.Increment(ref _tokenRequests);
        if (TokenGate is { } gate)
        {
            await gate.Task;
        }

        if ((string?)body["secret"] != "test-secret")
        {
            return Results.Json(new { errcode = 40125, errmsg = "invalid appsecret" });
        }

        return Results.Json(new { access_token = $"token-{number}", expires_in = 7200 });
    }

    private async Task<IResult> RecordAsync(HttpContext context, bool isCustomMessage)
    {
        var token = context.Request.Query["access_token"].ToString();
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        Calls.Enqueue((context.Request.Path, token, body));
        if (RejectedTokens.ContainsKey(token))
        {
            return Results.Json(new { errcode = 40001, errmsg = "invalid credential, access_token is invalid or not latest" });
        }

        if (SendErrorCode != 0 && context.Request.Path.StartsWithSegments("/cgi-bin/message/custom/send", StringComparison.Ordinal))
        {
            return Results.Json(new { errcode = SendErrorCode, errmsg = "refused by fake" });
        }

        if (context.Request.Path.StartsWithSegments("/cgi-bin/message/template/send", StringComparison.Ordinal))
        {
            if (TemplateUnavailable)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            if (TemplateErrorCodes.TryGetValue((string?)body["touser"] ?? "", out var code))
            {
                return Results.Json(new { errcode = code, errmsg = "refused by fake" });
            }

            _templateMessages.Enqueue(body);
        }

        if (isCustomMessage)
        {
            _customMessages.Enqueue(body);
        }

        return Results.Json(new { errcode = 0, errmsg = "ok", msgid = 200228332 });
    }

    private IResult MediaGet(string media_id) =>
        Media.TryGetValue(media_id, out var media)
            ? Results.Bytes(media.Content, media.ContentType)
            : Results.Json(new { errcode = 40007, errmsg = "invalid media_id" });
}
