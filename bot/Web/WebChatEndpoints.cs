using CitizenBot.Bot.Scale;
using CitizenBot.Channels.DirectLine;

namespace CitizenBot.Bot.Web;

/// <summary>
/// <c>POST /api/webchat/token</c>: what the web page calls to start. It gets a Direct Line token bound to a new user id
/// and a new conversation; the Direct Line secret never reaches the browser. Rate-limited per client address.
/// </summary>
internal static class WebChatEndpoints
{
    private const string RateLimitPolicy = "webchat-token";

    public static IServiceCollection AddWebChatPage(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, http => SharedRateLimits.FixedWindow(
                http, RateLimitPolicy, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", permits: 20, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapWebChatPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/webchat/token", IssueToken).RequireRateLimiting(RateLimitPolicy);
        return endpoints;
    }

    internal static IResult IssueToken(IDirectLineTokenGate tokens)
    {
        // Unstarted: the page resumes by conversation id, and the first connection still greets exactly once.
        var issued = tokens.StartConversation();
        return TypedResults.Json(new WebChatToken(issued.Token, issued.UserId, issued.ConversationId, issued.ExpiresInSeconds));
    }

    internal sealed record WebChatToken(string Token, string UserId, string ConversationId, int ExpiresIn);
}
