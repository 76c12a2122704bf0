namespace CitizenBot.Channels.DirectLine;

/// <summary>A Direct Line token for a conversation no client has opened yet, as the web page hands it to Web Chat.</summary>
public sealed record DirectLineStartToken(string Token, string UserId, string ConversationId, int ExpiresInSeconds);

/// <summary>The citizen a valid Direct Line token stands for.</summary>
public sealed record DirectLineBearer(string ChannelId, string UserId, string ConversationId);

/// <summary>
/// What the rest of the bot may do with Direct Line tokens: start a conversation for the web page, and tell who a
/// bearer token stands for (the mediation pages). Issuing for an existing conversation stays inside the channel.
/// </summary>
public interface IDirectLineTokenGate
{
    /// <summary>A new user in a new, unstarted conversation: whichever route opens it first lets the bot greet.</summary>
    DirectLineStartToken StartConversation();

    /// <summary>The citizen a token stands for; null when it is expired, forged or malformed.</summary>
    Task<DirectLineBearer?> VerifyAsync(string token);
}

internal sealed class DirectLineTokenGate(DirectLineTokens tokens) : IDirectLineTokenGate
{
    public DirectLineStartToken StartConversation()
    {
        var grant = new DirectLineGrant(DirectLineAuthenticator.NewConversationId(), DirectLineAuthenticator.NewUserId(), Unstarted: true);
        var issued = tokens.Issue(grant);
        return new DirectLineStartToken(issued.Token, grant.UserId, grant.ConversationId, issued.ExpiresInSeconds);
    }

    public async Task<DirectLineBearer?> VerifyAsync(string token)
    {
        var check = await tokens.VerifyAsync(token).ConfigureAwait(false);
        return check is { Status: DirectLineTokenStatus.Valid, Grant: { } grant }
            ? new DirectLineBearer(DirectLineDefaults.ChannelId, grant.UserId, grant.ConversationId)
            : null;
    }
}
