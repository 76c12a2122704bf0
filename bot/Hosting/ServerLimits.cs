using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace CitizenBot.Bot.Hosting;

/// <summary>
/// What Kestrel reads of a request ahead of its endpoint. The socket transport reads a body into pinned buffers up to
/// 1 MB a connection by default (<c>MaxReadBufferSize</c>; <c>MaxRequestBufferSize</c> where a connection is wrapped),
/// whether or not the endpoint will ever read it: under the abuse run every refused 10 MB upload and every held-back
/// refusal filled its share before it was answered, the pinned heap grew by 6–14 MB an attack, and each growth cost a
/// full (gen2) collection while the other citizens waited (docs/performance.md, "Under attack"). The bot reads bodies
/// as they come, so a smaller read-ahead costs a legitimate upload nothing but a few more reads.
/// <c>Kestrel:Limits:MaxRequestBufferSize</c> sets both instead of the default.
/// </summary>
internal static class ServerLimits
{
    /// <summary>Read-ahead per connection; Kestrel requires it to hold a request line and headers (32 KB).</summary>
    public const long DefaultMaxRequestBufferSize = 64 * 1024;

    public static IServiceCollection AddServerLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var readAhead = configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBufferSize")
            ?? DefaultMaxRequestBufferSize;
        services.PostConfigure<KestrelServerOptions>(options => options.Limits.MaxRequestBufferSize = readAhead);
        services.PostConfigure<SocketTransportOptions>(options => options.MaxReadBufferSize = readAhead);
        return services;
    }
}
