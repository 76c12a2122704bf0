using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Tests.Security;

/// <summary>
/// What the server itself reads ahead of an endpoint, per connection: refused uploads and held-back refusals must not
/// each park a megabyte of pinned memory (the abuse run in docs/performance.md).
/// </summary>
[Trait("Category", "Security")]
public sealed class ServerLimitsTests
{
    [Fact]
    public async Task RequestReadAhead_ByDefault_Is64KbAConnectionInsteadOfKestrelsMegabyte()
    {
        await using var bot = new BotServer();

        var limits = bot.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        var transport = bot.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        Assert.Equal(64 * 1024, limits.MaxRequestBufferSize);
        Assert.Equal(64 * 1024, transport.MaxReadBufferSize);
        Assert.Equal(ServerLimits.DefaultMaxRequestBufferSize, transport.MaxReadBufferSize);
    }

    [Fact]
    public async Task RequestReadAhead_FromConfiguration_IsTheConfiguredSize()
    {
        await using var bot = new BotServer(settings: new Dictionary<string, string?> { ["Kestrel:Limits:MaxRequestBufferSize"] = "262144" });

        var limits = bot.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        var transport = bot.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        Assert.Equal(256 * 1024, limits.MaxRequestBufferSize);
        Assert.Equal(256 * 1024, transport.MaxReadBufferSize);
    }
}
