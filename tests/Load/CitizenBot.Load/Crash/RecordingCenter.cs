using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace CitizenBot.Load.Crash;

/// <summary>
/// A center of the crash test's own (the bot's simulated center lives in the process that gets killed): accepts every
/// ticket push and remembers, per ticket id (the push's <c>Idempotency-Key</c>), the number and how often it came.
/// </summary>
internal sealed class RecordingCenter : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public RecordingCenter(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}/api";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Ticket id → (number, when the bot created it, pushes received).</summary>
    public ConcurrentDictionary<string, (string Number, DateTimeOffset CreatedAt, int Pushes)> Tickets { get; } = new(StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url?.AbsolutePath ?? "";
            if (context.Request.HttpMethod == "POST" && path == "/api/tickets")
            {
                using var json = await JsonDocument.ParseAsync(context.Request.InputStream).ConfigureAwait(false);
                var id = context.Request.Headers["Idempotency-Key"] ?? "";
                var number = json.RootElement.TryGetProperty("number", out var n) ? n.GetString() ?? "" : "";
                var createdAt = json.RootElement.TryGetProperty("createdAt", out var c) && c.TryGetDateTimeOffset(out var at) ? at : DateTimeOffset.MaxValue;
                Tickets.AddOrUpdate(id, _ => (number, createdAt, 1), (_, seen) => (seen.Number, seen.CreatedAt, seen.Pushes + 1));
                context.Response.StatusCode = 201;
                await context.Response.OutputStream.WriteAsync("{\"centerId\":\"crash-test\"}"u8.ToArray()).ConfigureAwait(false);
            }
            else
            {
                context.Response.StatusCode = 200;
            }
        }
        catch (Exception e) when (e is JsonException or HttpListenerException or IOException)
        {
            context.Response.StatusCode = 400;
        }
        finally
        {
            context.Response.Close();
        }
    }
}
