using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Bot.Tests.Scale;

/// <summary>The service center's ticket API, run by the test: counts pushes per idempotency key; can hold one push open.</summary>
internal sealed class FakeCenter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _taken;

    private FakeCenter(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<string> Accepted { get; } = new();

    /// <summary>When set, the first push whose body contains <see cref="HoldMarker"/> is held open until its
    /// connection drops (its instance dies); other tests' pushes pass.</summary>
    public TaskCompletionSource? HoldNext { get; set; }

    public string HoldMarker { get; set; } = "";

    public TaskCompletionSource<int> HeldFromPort { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeCenter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var center = new FakeCenter(app);
        app.MapPost("/tickets", (Delegate)center.PushAsync);
        app.MapPost("/tickets/{id}/feedback", () => Results.Ok());
        app.MapPost("/tickets/{id}/supplements", () => Results.Ok());
        await app.StartAsync();
        center.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return center;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> PushAsync(HttpContext http)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        Requests.Enqueue(key);
        if (HoldNext is { } hold && HoldMarker.Length > 0 && body.Contains(HoldMarker, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref _taken, 1, 0) == 0)
        {
            HeldFromPort.TrySetResult(http.Connection.RemotePort);
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The pushing instance was killed.
            }

            hold.TrySetResult();
            return Results.StatusCode(503);
        }

        Accepted.Enqueue(key);
        return Results.Json(new { centerId = "C-" + key });
    }
}
