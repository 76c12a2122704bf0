using System.Globalization;
using System.Security.Cryptography;
using CitizenBot.Channels.Turns;
using CitizenBot.Channels.WeChat.Api;
using CitizenBot.Channels.WeChat.Crypto;
using CitizenBot.Channels.WeChat.Dedup;
using CitizenBot.Channels.WeChat.Inbound;
using CitizenBot.Channels.WeChat.Replies;
using CitizenBot.Channels.WeChat.Security;
using CitizenBot.Channels.WeChat.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.WeChat.Hosting;

/// <summary>The WeChat Official Account channel: its services and its callback route <c>/wechat</c>.</summary>
public static partial class WeChatEndpoints
{
    /// <summary>
    /// Registers the channel from the <c>WeChat</c> configuration section (Token, EncodingAESKey, PreviousEncodingAESKey,
    /// AppId, AppSecret, ApiBaseUrl, RequireEncryption, ReplyBudget, MenuKeys, Templates) and its
    /// <see cref="IChannelSender"/> for channel id <c>wechat</c>. Needs an <see cref="ITurnProcessor"/> and a
    /// <see cref="TimeProvider"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddWeChatChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeChatOptions>()
            .Bind(configuration.GetSection(WeChatOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IWeChatReplayGuard, InMemoryWeChatReplayGuard>();
        services.TryAddSingleton<IWeChatDeliveryLedger, InMemoryWeChatDeliveryLedger>();
        services.TryAddSingleton<IWeChatCustomerServiceQuota, InMemoryWeChatCustomerServiceQuota>();
        services.TryAddSingleton<IWeChatAccessTokenCache, InMemoryWeChatAccessTokenCache>();
        services.AddSingleton<WeChatRequestVerifier>();
        services.AddSingleton<WeChatMessageProcessor>();
        services.AddSingleton<WeChatAccessTokenProvider>();
        services.AddSingleton<WeChatApiBackoff>();

        services.AddHttpClient(WeChatApiClient.HttpClientName, ConfigureApi);
        services.AddHttpClient<WeChatApiClient>(ConfigureApi);
        services.AddTransient<IWeChatMediaDownloader>(sp => sp.GetRequiredService<WeChatApiClient>());
        services.AddTransient<IWeChatMenu>(sp => sp.GetRequiredService<WeChatApiClient>());
        services.AddTransient<IWeChatTemplateSender>(sp => sp.GetRequiredService<WeChatApiClient>());
        services.AddTransient<WeChatActivityMapper>();
        services.AddTransient<WeChatChannelSender>();
        services.AddTransient<IChannelSender>(sp => sp.GetRequiredService<WeChatChannelSender>());
        return services;

        static void ConfigureApi(IServiceProvider sp, HttpClient http)
        {
            http.BaseAddress = sp.GetRequiredService<IOptions<WeChatOptions>>().Value.ApiBaseUrl;
            http.Timeout = TimeSpan.FromSeconds(15);
        }
    }

    /// <summary>Maps <c>GET /wechat</c> (URL verification) and <c>POST /wechat</c> (messages and events).</summary>
    public static IEndpointRouteBuilder MapWeChatEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WeChatDefaults.Route, VerifyUrl).ExcludeFromDescription();
        endpoints.MapPost(WeChatDefaults.Route, ReceiveAsync).ExcludeFromDescription();
        return endpoints;
    }

    internal static Results<ContentHttpResult, UnauthorizedHttpResult> VerifyUrl(
        [AsParameters] WeChatCallbackQuery query, WeChatRequestVerifier verifier)
    {
        // An Official Account's GET stays plaintext even in safe mode: echo echostr as is.
        return verifier.IsSignatureValid(query) && query.Echostr is not null
            ? TypedResults.Text(query.Echostr, "text/plain")
            : TypedResults.Unauthorized();
    }

    internal static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> ReceiveAsync(
        [AsParameters] WeChatCallbackQuery query,
        HttpRequest request,
        WeChatRequestVerifier verifier,
        WeChatMessageProcessor processor,
        IOptions<WeChatOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var verification = await verifier.VerifyAsync(query, request, cancellationToken).ConfigureAwait(false);
        if (verification.Message is not { } message)
        {
            LogRefused(loggers.CreateLogger(typeof(WeChatEndpoints)), verification.StatusCode, verification.Reason!);
            return TypedResults.StatusCode(verification.StatusCode);
        }

        var reply = await processor.ProcessAsync(message, cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            // Stops WeChat's retries; the answer, if any, goes by customer-service API.
            return TypedResults.Text("success", "text/plain");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var xml = reply switch
        {
            { HandOff: true } => WeChatReplyXml.TransferToCustomerService(message.FromUserName, message.ToUserName, now),
            { Articles: [var article, ..] } => WeChatReplyXml.News(message.FromUserName, message.ToUserName, now, article),
            _ => WeChatReplyXml.Text(message.FromUserName, message.ToUserName, now, reply.Chunks[0]),
        };
        if (verification.Encrypted && verifier.Crypto is { } crypto)
        {
            var encrypt = crypto.Encrypt(xml, verification.KeyIndex);
            var timestamp = now.ToString(CultureInfo.InvariantCulture);
            var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
            xml = WeChatReplyXml.Encrypted(encrypt, WeChatSignature.Compute(options.Value.Token, timestamp, nonce, encrypt), timestamp, nonce);
        }

        return TypedResults.Text(xml, "application/xml; charset=utf-8");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat callback refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string reason);
}
