using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CitizenBot.Bot.Hosting;

/// <summary>Bound from configuration section <c>Proxy</c>: the reverse proxies whose forwarded headers are believed.</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Addresses of the proxies in front of the bot (e.g. <c>10.0.0.5</c>). Empty with no networks: off.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form (e.g. <c>10.0.0.0/24</c>). Empty with no proxies: off.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    internal bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>
/// Behind a configured reverse proxy, <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from that proxy (and only
/// from it) become the request's client address and scheme, so rate limits, logs and the links the bot builds use
/// the real client and <c>https</c>. Off by default: without configured proxies the headers are ignored, as anyone
/// could send them.
/// </summary>
internal static class ReverseProxy
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxy = configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        services.AddSingleton(proxy);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies; the default (loopback) would trust anything on this machine.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(address, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"Proxy:KnownProxies has '{address}', which is not an IP address."));
            }

            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"Proxy:KnownNetworks has '{network}', which is not a network in CIDR form (10.0.0.0/24)."));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after sees the real client.</summary>
    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ProxyOptions>().Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
