using System.Globalization;
using CitizenBot.Channels.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// The per-conversation and per-client limits on posted activities (<see cref="DirectLineOptions"/>), answered with 429
/// and <c>Retry-After</c>, and each refusal told to the citizen in plain words in their conversation (once per window,
/// so a flood does not fill the log with refusals). The client is the request's remote address, which the host's
/// forwarded-headers middleware sets to the real client behind a trusted proxy. Refusals are held for
/// <see cref="DirectLineOptions.RefusalDelay"/> before they are answered (see <see cref="HoldAsync"/>).
/// </summary>
internal sealed class DirectLineLimits(
    IDirectLineRateLimiter limiter, IDirectLineConversationStore store, DirectLineAddressing addressing, IOptions<DirectLineOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private int _held;

    public async Task<IResult?> ThrottleAsync(HttpContext http, DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var byConversation = await limiter.HitAsync("dl:conv:" + conversation.Id, 1, settings.MaxActivitiesPerConversationPerMinute, Window, cancellationToken).ConfigureAwait(false);
        var byClient = await limiter.HitAsync("dl:client:" + client, 1, settings.MaxActivitiesPerClientPerMinute, Window, cancellationToken).ConfigureAwait(false);
        var refused = !byConversation.Allowed ? byConversation : !byClient.Allowed ? byClient : (RateDecision?)null;
        if (refused is not { } decision)
        {
            return null;
        }

        if (decision.FirstRefusal)
        {
            await TellAsync(conversation, settings.TooManyMessagesText, cancellationToken).ConfigureAwait(false);
        }

        await HoldAsync(decision.RetryAfter, cancellationToken).ConfigureAwait(false);
        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return DirectLineErrors.Throttled();
    }

    /// <summary>
    /// Holds a refusal back for <see cref="DirectLineOptions.RefusalDelay"/> (at most <paramref name="notPast"/>): a
    /// flood that waits for its answers slows down to the delay, costing the server a timer each instead of the cores.
    /// Past <see cref="DirectLineDefaults.MaxHeldRefusals"/> held at once, answers at once.
    /// </summary>
    public async Task HoldAsync(TimeSpan notPast, CancellationToken cancellationToken)
    {
        var delay = options.Value.RefusalDelay < notPast ? options.Value.RefusalDelay : notPast;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            if (Interlocked.Increment(ref _held) <= DirectLineDefaults.MaxHeldRefusals)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client left; the refusal goes nowhere.
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    /// <summary>A line from the bot in the conversation, about what the server itself refused.</summary>
    public Task TellAsync(DirectLineConversation conversation, string text, CancellationToken cancellationToken) =>
        store.AppendAsync(conversation.Id, addressing.Outbound(Activity.CreateMessage(text), conversation, replyToId: null), cancellationToken);
}

/// <summary>
/// Browsers fetch <c>&lt;img src&gt;</c> without <c>Authorization</c>, so the conversation's current token also travels
/// as an HttpOnly cookie scoped to that conversation's attachment path: the page's own image requests carry it, no
/// script can read it, and another site's page cannot send it (SameSite=Strict).
/// </summary>
internal static class AttachmentCookie
{
    public static string PathOf(HttpRequest request, string conversationId) =>
        $"{request.PathBase}{DirectLineDefaults.RoutePrefix}/conversations/{Uri.EscapeDataString(conversationId)}/attachments";

    public static void Set(HttpRequest request, string conversationId, DirectLineIssuedToken issued) =>
        request.HttpContext.Response.Cookies.Append(DirectLineDefaults.AttachmentCookie, issued.Token, new CookieOptions
        {
            Path = PathOf(request, conversationId),
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Strict,
            MaxAge = TimeSpan.FromSeconds(issued.ExpiresInSeconds),
            IsEssential = true,
        });
}
