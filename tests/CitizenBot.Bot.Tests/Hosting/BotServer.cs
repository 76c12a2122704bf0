using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Bot.Tests.Hosting;

/// <summary>
/// The real bot composition on a real Kestrel port (so browsers and node clients can reach it), with its data folder
/// in a temporary directory. Disposing stops the process-equivalent; a new instance on the same folder is a restart.
/// </summary>
public sealed class BotServer : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key-0123456789";

    private readonly Dictionary<string, string?> _settings;

    public BotServer(string? dataDirectory = null, IDictionary<string, string?>? settings = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("citizenbot-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["BotApi:Key"] = ApiKey,
            ["Urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
