using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CitizenBot.Channels.DirectLine;

/// <summary>Who is calling: the holder of the secret, or of a token for one conversation and user.</summary>
internal sealed record DirectLineCaller(bool HasSecret, DirectLineGrant? Grant);

/// <summary>A caller allowed into one existing conversation, and the user id that speaks in it.</summary>
internal sealed record DirectLineAccess(DirectLineConversation Conversation, bool HasSecret, DirectLineGrant? Grant = null)
{
    /// <summary>The token's user wins over any <c>from.id</c>; with the secret, a tool may speak as any user.</summary>
    public string SpeakerId(string? claimedUserId) =>
        HasSecret && !string.IsNullOrWhiteSpace(claimedUserId) ? claimedUserId : Conversation.UserId;
}

/// <summary>Checks the bearer secret or token of a request and opens the conversation it may use.</summary>
internal sealed class DirectLineAuthenticator(DirectLineTokens tokens, IDirectLineConversationStore store, DirectLineTurnRunner runner)
{
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string NewUserId() => "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    /// <summary>Reads <c>Authorization: Bearer</c>, or, when given, the credential from the stream URL.</summary>
    public async Task<(DirectLineCaller? Caller, IResult? Error)> AuthenticateAsync(HttpRequest request, string? urlCredential = null)
    {
        var bearer = urlCredential ?? ReadBearer(request.Headers.Authorization);
        if (string.IsNullOrEmpty(bearer))
        {
            return (null, DirectLineErrors.MissingAuthorization());
        }

        if (tokens.IsSecret(bearer))
        {
            return (new DirectLineCaller(true, null), null);
        }

        var check = await tokens.VerifyAsync(bearer).ConfigureAwait(false);
        return check.Status switch
        {
            DirectLineTokenStatus.Valid => (new DirectLineCaller(false, check.Grant), null),
            DirectLineTokenStatus.Expired => (null, DirectLineErrors.TokenExpired()),
            _ => (null, DirectLineErrors.BadToken()),
        };
    }

    /// <summary>
    /// Authenticates for one conversation. A valid token for a conversation this process does not know (after a
    /// restart, or a token from <c>/tokens/generate</c>) recreates it: the signature proves it was granted.
    /// </summary>
    public async Task<(DirectLineAccess? Access, IResult? Error)> OpenAsync(
        HttpRequest request, string conversationId, CancellationToken cancellationToken, string? urlCredential = null)
    {
        var (caller, error) = await AuthenticateAsync(request, urlCredential).ConfigureAwait(false);
        if (caller is null)
        {
            return (null, error);
        }

        if (caller.Grant is { } grant)
        {
            if (!string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal))
            {
                return (null, DirectLineErrors.WrongConversation());
            }

            var conversation = new DirectLineConversation(grant.ConversationId, grant.UserId);
            if (await store.CreateAsync(conversation, cancellationToken).ConfigureAwait(false) && grant.Unstarted)
            {
                runner.EnqueueConversationStart(conversation, userName: null, locale: null);
            }

            var existing = await store.FindAsync(conversationId, cancellationToken).ConfigureAwait(false);
            if (existing is { Erased: true })
            {
                // 删除我的信息 revoked every token of the conversation; the page starts a new one.
                return (null, DirectLineErrors.ConversationErased());
            }

            return existing is not null && string.Equals(existing.UserId, grant.UserId, StringComparison.Ordinal)
                ? (new DirectLineAccess(existing, false, grant), null)
                : (null, DirectLineErrors.WrongConversation());
        }

        var known = await store.FindAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return known is null ? (null, DirectLineErrors.ConversationNotFound()) : (new DirectLineAccess(known, true), null);
    }

    private static string? ReadBearer(StringValues header)
    {
        const string Scheme = "Bearer ";
        var value = header.ToString();
        return value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? value[Scheme.Length..].Trim() : null;
    }
}
