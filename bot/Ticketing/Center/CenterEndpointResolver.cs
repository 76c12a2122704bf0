using System.Text;
using CitizenBot.Bot.Storage;
using Microsoft.Extensions.Options;
using CitizenBot.Bot.Hosting;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>Where pushes go and which secret signs both directions: the configured center, or the built-in simulator.</summary>
internal sealed class CenterEndpointResolver
{
    private readonly IOptions<CenterOptions> _options;
    private readonly SelfAddress _self;

    public CenterEndpointResolver(IOptions<CenterOptions> options, SelfAddress self, string dataDirectory)
    {
        _options = options;
        _self = self;
        Secret = string.IsNullOrEmpty(options.Value.Secret)
            ? SecretKeyFile.LoadOrCreate(dataDirectory, "center-simulator")
            : Encoding.UTF8.GetBytes(options.Value.Secret);
    }

    public byte[] Secret { get; }

    /// <summary>The API root with a trailing slash.</summary>
    public Uri BaseUri => _options.Value.UsesSimulator
        ? new Uri(_self.BaseUri, Simulator.SimulatedCenterEndpoints.RoutePrefix.TrimStart('/') + "/")
        : new Uri(_options.Value.BaseUrl.TrimEnd('/') + "/");
}
