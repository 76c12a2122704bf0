using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CitizenBot.Bot.Ticketing.Center;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Bot.Tests.Center;

internal sealed record CenterRequest(string Path, string? IdempotencyKey, bool SignatureValid, byte[] Body, int AnsweredStatus);

/// <summary>A real HTTP server playing the service center: records every request and answers from a script.</summary>
internal sealed class FakeCenter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script;

    private FakeCenter(WebApplication app, ConcurrentQueue<int> script, int port)
    {
        _app = app;
        _script = script;
        Port = port;
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/api";
    public ConcurrentQueue<CenterRequest> Requests { get; } = new();

    /// <summary>Answers for particular idempotency keys, before the script: for pushes sent at once, whose order is not fixed.</summary>
    public ConcurrentDictionary<string, int> AnswerFor { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers from <paramref name="statuses"/> in order, then 201 with a center id.</summary>
    public static async Task<FakeCenter> StartAsync(int port = 0, params int[] statuses)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var script = new ConcurrentQueue<int>(statuses);
        FakeCenter? center = null;
        app.MapPost("/api/{**path}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var valid = CenterSignature.Verify(System.Text.Encoding.UTF8.GetBytes(TicketingTestHost.CenterSecret),
                context.Request.Headers[CenterSignature.TimestampHeader], context.Request.Headers[CenterSignature.SignatureHeader],
                body, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(300));
            string? key = context.Request.Headers[CenterSignature.IdempotencyHeader];
            var status = key is not null && center!.AnswerFor.TryGetValue(key, out var answer) ? answer
                : center!._script.TryDequeue(out var scripted) ? scripted : 201;
            center.Requests.Enqueue(new CenterRequest(context.Request.Path, context.Request.Headers[CenterSignature.IdempotencyHeader], valid, body, status));
            return status == 201 ? Results.Json(new { centerId = "C-" + context.Request.Headers[CenterSignature.IdempotencyHeader] }, statusCode: 201) : Results.StatusCode(status);
        });
        await app.StartAsync();
        var actualPort = new Uri(app.Urls.First()).Port;
        center = new FakeCenter(app, script, actualPort);
        return center;
    }

    /// <summary>A loopback port nobody listens on (yet): connections to it are refused.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public IEnumerable<CenterRequest> Accepted(string path) => Requests.Where(r => r.Path == path && r.AnsweredStatus is >= 200 and < 300);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
