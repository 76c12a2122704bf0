using System.Globalization;
using System.Text.Json;
using CitizenBot.Channels.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>Handlers of the REST and stream routes.</summary>
internal static class DirectLineApi
{
    public static async Task<IResult> GenerateTokenAsync(
        HttpRequest request, DirectLineAuthenticator authenticator, DirectLineTokens tokens, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var (caller, error) = await authenticator.AuthenticateAsync(request).ConfigureAwait(false);
        if (caller is null)
        {
            return error!;
        }

        if (!caller.HasSecret)
        {
            return DirectLineErrors.SecretRequired();
        }

        var (body, bodyError) = await ReadConversationRequestAsync(request, options.Value, cancellationToken).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        // Creates nothing yet: the conversation starts when the client first uses the token.
        var grant = new DirectLineGrant(DirectLineAuthenticator.NewConversationId(), UserIdOrNew(body?.User?.Id), Unstarted: true);
        var issued = tokens.Issue(grant);
        return TypedResults.Json(new ConversationResponse(grant.ConversationId, issued.Token, issued.ExpiresInSeconds), DirectLineJson.Default.ConversationResponse);
    }

    public static async Task<IResult> RefreshTokenAsync(
        HttpRequest request, DirectLineAuthenticator authenticator, DirectLineTokens tokens, IDirectLineConversationStore store, CancellationToken cancellationToken)
    {
        var (caller, error) = await authenticator.AuthenticateAsync(request).ConfigureAwait(false);
        if (caller is null)
        {
            return error!;
        }

        if (caller.Grant is not { } grant)
        {
            return DirectLineErrors.TokenRequired();
        }

        if (await store.FindAsync(grant.ConversationId, cancellationToken).ConfigureAwait(false) is { Erased: true })
        {
            return DirectLineErrors.ConversationErased();
        }

        // The new token keeps the first one's birth: refreshing never extends a conversation past the maximum age.
        if (tokens.Renew(grant) is not { } issued)
        {
            return DirectLineErrors.TokenExpired();
        }

        AttachmentCookie.Set(request, grant.ConversationId, issued);
        return TypedResults.Json(new ConversationResponse(grant.ConversationId, issued.Token, issued.ExpiresInSeconds), DirectLineJson.Default.ConversationResponse);
    }

    public static async Task<IResult> StartConversationAsync(
        HttpRequest request,
        DirectLineAuthenticator authenticator,
        DirectLineTokens tokens,
        IDirectLineConversationStore store,
        DirectLineTurnRunner runner,
        IOptions<DirectLineOptions> options,
        CancellationToken cancellationToken)
    {
        var (caller, error) = await authenticator.AuthenticateAsync(request).ConfigureAwait(false);
        if (caller is null)
        {
            return error!;
        }

        var (body, bodyError) = await ReadConversationRequestAsync(request, options.Value, cancellationToken).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        // A token names its conversation and user; the body's user.id counts only with the secret.
        var requested = caller.Grant is { } grant
            ? new DirectLineConversation(grant.ConversationId, grant.UserId)
            : new DirectLineConversation(DirectLineAuthenticator.NewConversationId(), UserIdOrNew(body?.User?.Id));
        var created = await store.CreateAsync(requested, cancellationToken).ConfigureAwait(false);
        var conversation = await store.FindAsync(requested.Id, cancellationToken).ConfigureAwait(false);
        if (conversation is null || !string.Equals(conversation.UserId, requested.UserId, StringComparison.Ordinal))
        {
            return DirectLineErrors.WrongConversation();
        }

        if (created)
        {
            runner.EnqueueConversationStart(conversation, body?.User?.Name, body?.Locale);
        }

        if (conversation.Erased)
        {
            return DirectLineErrors.ConversationErased();
        }

        if (Describe(request, tokens, conversation, caller.Grant, watermark: 0) is not { } response)
        {
            return DirectLineErrors.TokenExpired();
        }

        return created
            ? TypedResults.Json(response, DirectLineJson.Default.ConversationResponse, statusCode: StatusCodes.Status201Created)
            : TypedResults.Json(response, DirectLineJson.Default.ConversationResponse);
    }

    public static async Task<IResult> ReconnectAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineAuthenticator authenticator, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var (access, error) = await authenticator.OpenAsync(request, conversationId, cancellationToken).ConfigureAwait(false);
        if (access is null)
        {
            return error!;
        }

        return Describe(request, tokens, access.Conversation, access.Grant, ParseWatermark(watermark)) is { } response
            ? TypedResults.Json(response, DirectLineJson.Default.ConversationResponse)
            : DirectLineErrors.TokenExpired();
    }

    public static async Task<IResult> PostActivityAsync(
        string conversationId,
        HttpRequest request,
        DirectLineAuthenticator authenticator,
        DirectLineLimits limits,
        IDirectLineConversationStore store,
        DirectLineAddressing addressing,
        DirectLineTurnRunner runner,
        IOptions<DirectLineOptions> options,
        CancellationToken cancellationToken)
    {
        var (access, error) = await authenticator.OpenAsync(request, conversationId, cancellationToken).ConfigureAwait(false);
        if (access is null)
        {
            return error!;
        }

        if (await limits.ThrottleAsync(request.HttpContext, access.Conversation, cancellationToken).ConfigureAwait(false) is { } throttled)
        {
            return throttled;
        }

        var settings = options.Value;
        var body = await BoundedBody.ReadAsync(request, request.Body, settings.MaxActivityBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            await limits.TellAsync(access.Conversation, settings.MessageTooLongText, cancellationToken).ConfigureAwait(false);
            await limits.HoldAsync(TimeSpan.MaxValue, cancellationToken).ConfigureAwait(false);
            return DirectLineErrors.ActivityTooLarge(settings.MaxActivityBytes);
        }

        var (activity, parseError) = ParseActivity(body);
        if (activity is null)
        {
            return parseError!;
        }

        if (activity.Text?.Length > settings.MaxActivityTextLength)
        {
            await limits.TellAsync(access.Conversation, settings.MessageTooLongText, cancellationToken).ConfigureAwait(false);
            await limits.HoldAsync(TimeSpan.MaxValue, cancellationToken).ConfigureAwait(false);
            return DirectLineErrors.TextTooLong(settings.MaxActivityTextLength);
        }

        return await AcceptAsync(access, activity, store, addressing, runner, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IResult> GetActivitiesAsync(
        string conversationId,
        string? watermark,
        HttpContext http,
        DirectLineAuthenticator authenticator,
        IDirectLineConversationStore store,
        IOptions<DirectLineOptions> options,
        IHostApplicationLifetime lifetime)
    {
        var cancellationToken = http.RequestAborted;
        var (access, error) = await authenticator.OpenAsync(http.Request, conversationId, cancellationToken).ConfigureAwait(false);
        if (access is null)
        {
            return error!;
        }

        var page = await store.ReadAsync(conversationId, ParseWatermark(watermark), cancellationToken).ConfigureAwait(false);
        var longPoll = options.Value.LongPollTimeout;
        if (page.Activities.Count == 0 && longPoll > TimeSpan.Zero && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A held poll ends early, and empty, when the server stops: an error would end polling for good.
            using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            try
            {
                if (await store.WaitAsync(conversationId, page.Watermark, longPoll, held.Token).ConfigureAwait(false))
                {
                    page = await store.ReadAsync(conversationId, page.Watermark, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Answer what there is.
            }
        }

        return TypedResults.Content(ActivitySet.ToJson(page), "application/json; charset=utf-8");
    }

    public static async Task<IResult> StreamAsync(
        string conversationId, string? watermark, string? t, HttpContext http, DirectLineAuthenticator authenticator, DirectLineStreams streams)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return DirectLineErrors.NotWebSocket();
        }

        // Browsers cannot set headers on a WebSocket, so the token travels in the URL; tools may use the header.
        var (access, error) = await authenticator.OpenAsync(http.Request, conversationId, http.RequestAborted, urlCredential: t).ConfigureAwait(false);
        if (access is null)
        {
            return error!;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await streams.RunAsync(socket, conversationId, ParseWatermark(watermark), http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    /// <summary>
    /// The echo contract: server id, timestamp, conversation, <c>from.role:"user"</c>, <c>channelData</c>
    /// untouched; logged (and so streamed) before the POST is answered; the same activity goes to the bot.
    /// </summary>
    internal static async Task<IResult> AcceptAsync(
        DirectLineAccess access,
        Activity posted,
        IDirectLineConversationStore store,
        DirectLineAddressing addressing,
        DirectLineTurnRunner runner,
        CancellationToken cancellationToken) =>
        (await AcceptOnceAsync(access, posted, store, addressing, runner, cancellationToken).ConfigureAwait(false)).Result;

    /// <inheritdoc cref="AcceptAsync"/>
    /// <returns>The answer, and whether the activity was a resend (nothing logged, no turn).</returns>
    internal static async Task<(IResult Result, bool Resent)> AcceptOnceAsync(
        DirectLineAccess access,
        Activity posted,
        IDirectLineConversationStore store,
        DirectLineAddressing addressing,
        DirectLineTurnRunner runner,
        CancellationToken cancellationToken)
    {
        var conversation = access.Conversation;
        var clientActivityId = posted.ClientActivityId is { Length: > 0 and <= MaxClientActivityIdLength } id ? id : null;
        var echo = addressing.Inbound(posted, conversation.Id, access.SpeakerId(posted.From?.Id));
        if (clientActivityId is null)
        {
            await store.AppendAsync(conversation.Id, echo, cancellationToken).ConfigureAwait(false);
        }
        else if (await store.AppendOnceAsync(conversation.Id, echo, clientActivityId, cancellationToken).ConfigureAwait(false) is { } firstId)
        {
            // DirectLineJS resent what it already posted (same clientActivityID): the first answer again, no second turn.
            return (TypedResults.Json(new ResourceResponse(firstId), DirectLineJson.Default.ResourceResponse), true);
        }

        if (echo.Type is ActivityTypes.Message or ActivityTypes.Event)
        {
            // The pipeline dedups by the id it is handed: the client's own id when there is one, so a resend that
            // reaches another instance (or this one after a restart) is still the same message.
            var inbound = echo.Clone();
            if (clientActivityId is not null)
            {
                inbound.Id = ClientKeyPrefix + clientActivityId;
            }

            runner.Enqueue(conversation, inbound, loggedId: echo.Id);
        }

        return (TypedResults.Json(new ResourceResponse(echo.Id!), DirectLineJson.Default.ResourceResponse), false);
    }

    /// <summary>What the pipeline sees as the id of an activity that came with a <c>clientActivityID</c>.</summary>
    internal const string ClientKeyPrefix = "client:";

    // DirectLineJS makes ids of a few dozen characters; anything much longer is not a resend marker worth keeping.
    private const int MaxClientActivityIdLength = 128;

    internal static (Activity? Activity, IResult? Error) ParseActivity(byte[] json)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(json, ActivityJson.Context.Activity);
        }
        catch (JsonException)
        {
            return (null, DirectLineErrors.MalformedJson());
        }

        return activity switch
        {
            null => (null, DirectLineErrors.MalformedJson()),
            { Type: null or "" } => (null, DirectLineErrors.MissingType()),
            _ => (activity, null),
        };
    }

    internal static string BaseUrl(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{DirectLineDefaults.RoutePrefix}";

    /// <summary>The conversation with a new token (carrying the caller's maximum age); null once that age is reached.</summary>
    private static ConversationResponse? Describe(
        HttpRequest request, DirectLineTokens tokens, DirectLineConversation conversation, DirectLineGrant? callerGrant, int watermark)
    {
        if (tokens.Renew(new DirectLineGrant(conversation.Id, conversation.UserId, Born: callerGrant?.Born)) is not { } issued)
        {
            return null;
        }

        AttachmentCookie.Set(request, conversation.Id, issued);
        var scheme = request.IsHttps ? "wss" : "ws";
        var streamUrl = string.Create(
            CultureInfo.InvariantCulture,
            $"{scheme}://{request.Host}{request.PathBase}{DirectLineDefaults.RoutePrefix}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream?watermark={watermark}&t={Uri.EscapeDataString(issued.Token)}");
        return new ConversationResponse(conversation.Id, issued.Token, issued.ExpiresInSeconds, streamUrl);
    }

    private static async Task<(ConversationRequest? Body, IResult? Error)> ReadConversationRequestAsync(
        HttpRequest request, DirectLineOptions options, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(request, request.Body, options.MaxActivityBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, DirectLineErrors.ActivityTooLarge(options.MaxActivityBytes));
        }

        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize(body, DirectLineJson.Default.ConversationRequest), null);
        }
        catch (JsonException)
        {
            return (null, DirectLineErrors.MalformedJson());
        }
    }

    private static string UserIdOrNew(string? userId) =>
        string.IsNullOrWhiteSpace(userId) ? DirectLineAuthenticator.NewUserId() : userId.Trim();

    // Any 4xx on a poll ends DirectLineJS's polling for good, so an odd watermark means "from the start".
    private static int ParseWatermark(string? watermark) =>
        int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
