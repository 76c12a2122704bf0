using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Knowledge.Tests.Llm;

/// <summary>
/// An OpenAI-compatible chat server on loopback Kestrel: <c>POST /v1/chat/completions</c> answers with what the test
/// sets in <see cref="Reply"/>. Records the request bodies so a test can see what the model was shown.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeChatServer(WebApplication app) => _app = app;

    /// <summary>Writes the response; the default answers with <see cref="Completion"/> of an empty text.</summary>
    public Func<HttpContext, Task> Reply { get; set; } = context => context.Response.WriteAsync(Completion(string.Empty));

    public List<string> Requests { get; } = [];

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1/");

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            server.Requests.Add(await reader.ReadToEndAsync(context.RequestAborted));
            context.Response.ContentType = "application/json";
            await server.Reply(context);
        });
        await app.StartAsync();
        return server;
    }

    /// <summary>A well-formed chat completion whose message is <paramref name="content"/>.</summary>
    public static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "fake",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
