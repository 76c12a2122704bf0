using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Turns;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.BotApi;

/// <summary>
/// <c>POST /api/messages</c>: Bot Framework Connector activities for tools and load drivers, with
/// <c>deliveryMode: "expectReplies"</c> so the replies come back in the response body (docs/directline.md, Endpoints).
/// Callers present <c>Authorization: Bearer {BotApi:Key}</c>; without a configured key the endpoint is off, because
/// whoever can post here can speak as any user id.
/// </summary>
public static class BotFrameworkEndpoint
{
    /// <summary>Channel id given to every activity arriving here, so these conversations never mix with a real channel's.</summary>
    internal const string ChannelId = "api";

    private const int MaxBodyBytes = 256 * 1024;

    public static IServiceCollection AddBotFrameworkEndpoint(this IServiceCollection services)
    {
        services.AddOptions<BotApiOptions>().BindConfiguration(BotApiOptions.SectionName);
        return services;
    }

    public static IEndpointRouteBuilder MapBotFrameworkEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", PostActivityAsync);
        return endpoints;
    }

    internal static async Task<IResult> PostActivityAsync(
        HttpContext http,
        ITurnProcessor turns,
        IOptions<BotApiOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!IsAuthorized(http.Request, options.Value.Key))
        {
            return options.Value.Key is { Length: > 0 } ? Results.Unauthorized() : Results.NotFound();
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "Activity is larger than 256 KB.");
        }

        Activity? activity;
        try
        {
            using var limited = new MemoryStream();
            await http.Request.Body.CopyToAsync(limited, cancellationToken).ConfigureAwait(false);
            if (limited.Length > MaxBodyBytes)
            {
                return Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "Activity is larger than 256 KB.");
            }

            activity = JsonSerializer.Deserialize(limited.GetBuffer().AsSpan(0, (int)limited.Length), ActivityJson.Context.Activity);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Body is not a valid Activity JSON object.");
        }

        if (activity is not { Type.Length: > 0, Conversation.Id.Length: > 0, From.Id.Length: > 0 })
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Activity needs type, conversation.id and from.id.");
        }

        if (!string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Only deliveryMode \"expectReplies\" is supported here; use Direct Line or WeChat for asynchronous delivery.");
        }

        activity.ChannelId = ChannelId;
        activity.Timestamp = time.GetUtcNow();
        activity.From.Role ??= RoleTypes.User;
        activity.Recipient ??= new ChannelAccount("citizenbot", "CitizenBot", RoleTypes.Bot);

        var outcome = await turns.ProcessAsync(activity, cancellationToken).ConfigureAwait(false);
        var replies = new ExpectedReplies();
        for (var i = 0; i < outcome.Replies.Count; i++)
        {
            var reply = outcome.Replies[i];
            // Derived from the inbound id, so a redelivered message gets its first replies with their first ids.
            reply.Id ??= activity.Id is { Length: > 0 } inboundId ? $"{inboundId}.{i}" : Guid.NewGuid().ToString("N");
            reply.Timestamp ??= time.GetUtcNow();
            replies.Activities.Add(reply);
        }

        return Results.Json(replies, ActivityJson.Context.ExpectedReplies);
    }

    private static bool IsAuthorized(HttpRequest request, string? key)
    {
        if (key is not { Length: > 0 })
        {
            return false;
        }

        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..]), Encoding.UTF8.GetBytes(key));
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}

/// <summary>Bound from the <c>BotApi</c> section.</summary>
public sealed class BotApiOptions
{
    public const string SectionName = "BotApi";

    /// <summary>Bearer key callers of <c>/api/messages</c> present. <value>Unset by default: the endpoint answers 404.</value></summary>
    public string? Key { get; set; }
}
