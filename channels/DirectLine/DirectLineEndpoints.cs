using CitizenBot.Channels.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// The Direct Line 3.0 server that Microsoft's Web Chat 4.18.1 / DirectLineJS 0.15.5 talk to unmodified
/// (<c>domain</c> = <c>{site}/v3/directline</c>). It reaches the bot only through <see cref="ITurnProcessor"/>
/// and delivers later messages as the <see cref="IChannelSender"/> of channel <c>directline</c>.
/// </summary>
public static class DirectLineEndpoints
{
    /// <summary>Registers the server. Options bind from section <c>DirectLine</c>; <paramref name="configure"/> runs after.</summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, Action<DirectLineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DirectLineOptions>()
            .BindConfiguration(DirectLineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDirectLineConversationStore, InMemoryDirectLineConversationStore>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<IDirectLineTokenGate, DirectLineTokenGate>();
        services.AddSingleton<DirectLineAuthenticator>();
        services.AddSingleton<DirectLineAddressing>();
        services.TryAddSingleton<IDirectLineImageSanitizer, RefuseAllUploads>();
        services.TryAddSingleton<IDirectLineRateLimiter, InMemoryDirectLineRateLimiter>();
        services.AddSingleton<DirectLineLimits>();
        services.AddSingleton<DirectLineUploadFolder>();
        services.AddSingleton<DirectLineConversationEraser>();
        services.AddSingleton<Privacy.IChannelConversationEraser>(sp => sp.GetRequiredService<DirectLineConversationEraser>());
        services.AddSingleton<DirectLineStreams>();
        services.AddSingleton<DirectLineTurnRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<DirectLineTurnRunner>());
        services.AddSingleton<IChannelSender, DirectLineChannelSender>();
        return services;
    }

    /// <summary>Maps the routes under <c>/v3/directline</c> (and turns on WebSockets for the stream).</summary>
    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // The stream needs the WebSocket middleware in front of the endpoints; it ignores requests it has already
        // upgraded, so a host that adds it too is not harmed.
        if (endpoints is IApplicationBuilder app)
        {
            app.UseWebSockets();
        }

        var api = endpoints.MapGroup(DirectLineDefaults.RoutePrefix);
        api.MapPost("/tokens/generate", DirectLineApi.GenerateTokenAsync);
        api.MapPost("/tokens/refresh", DirectLineApi.RefreshTokenAsync);
        api.MapPost("/conversations", DirectLineApi.StartConversationAsync);
        api.MapGet("/conversations/{conversationId}", DirectLineApi.ReconnectAsync);
        api.MapPost("/conversations/{conversationId}/activities", DirectLineApi.PostActivityAsync);
        api.MapGet("/conversations/{conversationId}/activities", DirectLineApi.GetActivitiesAsync);
        api.MapPost("/conversations/{conversationId}/upload", DirectLineUploadApi.UploadAsync);
        api.MapGet("/conversations/{conversationId}/stream", DirectLineApi.StreamAsync);
        api.MapGet("/conversations/{conversationId}/attachments/{fileName}", DirectLineUploadApi.ServeAttachmentAsync);
        return endpoints;
    }
}
