using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CitizenBot.Bot.Hosting;

/// <summary>
/// This bot's own root URL: <c>Tickets:PublicBaseUrl</c> when set, else the first address the server listens on with
/// a wildcard host turned into loopback (right for the simulator and single-machine use, not behind a proxy). Used by
/// ticketing (photo links, the simulator) and mediation (meeting links), so it belongs to the host.
/// </summary>
internal sealed class SelfAddress(IServer server, IConfiguration configuration)
{
    public Uri BaseUri
    {
        get
        {
            var configured = configuration["Tickets:PublicBaseUrl"];
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return new Uri(configured.TrimEnd('/') + "/");
            }

            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The server has no listening address yet; set Tickets:PublicBaseUrl.");
            var builder = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            if (builder.Host is "0.0.0.0" or "[::]" or "::")
            {
                builder.Host = "127.0.0.1";
            }

            builder.Path = "/";
            return builder.Uri;
        }
    }
}
