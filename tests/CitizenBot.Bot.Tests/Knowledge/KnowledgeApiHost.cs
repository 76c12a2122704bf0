using CitizenBot.Bot.Knowledge;
using CitizenBot.Knowledge.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Bot.Tests.Knowledge;

/// <summary>
/// The knowledge API alone on loopback Kestrel, composed exactly as the bot composes it
/// (<see cref="LegalAidKnowledge.AddLegalAidKnowledge"/>, <c>UseRateLimiter</c>, <see cref="KnowledgeApi.MapKnowledgeApi"/>).
/// </summary>
internal sealed class KnowledgeApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KnowledgeApiHost(WebApplication app) => _app = app;

    public static async Task<KnowledgeApiHost> StartAsync(int permitsPerMinute = 1000)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["KnowledgeApi:PermitsPerMinute"] = permitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Services.AddSingleton(SharedLegalKnowledge.Engine);
        builder.Services.AddSingleton<ILegalSearch>(SharedLegalKnowledge.Engine);
        builder.Services.AddLegalAidKnowledge(builder.Configuration);
        var app = builder.Build();
        app.UseRateLimiter();
        app.MapKnowledgeApi();
        await app.StartAsync();
        return new KnowledgeApiHost(app);
    }

    public HttpClient CreateClient() => new()
    {
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
