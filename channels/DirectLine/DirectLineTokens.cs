using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.Channels.DirectLine;

/// <summary>What a valid token proves: this user may talk in this conversation.</summary>
/// <param name="Unstarted">
/// Issued by <c>/tokens/generate</c> for a conversation no client has opened yet, so whichever route opens it first
/// (DirectLineJS given a <c>conversationId</c> reconnects instead of starting) lets the bot greet. Tokens handed out
/// once a conversation is open never carry it, so a conversation recreated after a restart is not greeted again.
/// </param>
internal sealed record DirectLineGrant(string ConversationId, string UserId, bool Unstarted = false);

/// <summary>A token as handed to a client.</summary>
internal sealed record DirectLineIssuedToken(string Token, int ExpiresInSeconds);

internal enum DirectLineTokenStatus
{
    Valid,
    Expired,
    Invalid,
}

internal sealed record DirectLineTokenCheck(DirectLineTokenStatus Status, DirectLineGrant? Grant = null);

/// <summary>
/// Issues and verifies HS256 JWTs bound to one conversation and one user (claims <c>conv</c> and <c>user</c>, as the
/// real service does; Web Chat takes its user id from the <c>user</c> claim). The signature is compared in constant
/// time by the JWT library; expiry is checked against the injected clock, not the library's.
/// Also checks the secret, also in constant time.
/// </summary>
internal sealed class DirectLineTokens
{
    private const string Issuer = "citizenbot-directline";
    private const string ConversationClaim = "conv";
    private const string UserClaim = "user";
    private const string UnstartedClaim = "unstarted";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly SymmetricSecurityKey _key;
    private readonly byte[] _secretHash;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = new SymmetricSecurityKey(_options.SigningKey);
        _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(_options.Secret));
    }

    public bool IsSecret(string bearer) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(bearer)), _secretHash);

    public DirectLineIssuedToken Issue(DirectLineGrant grant)
    {
        var now = TruncateToSeconds(_time.GetUtcNow());
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + _options.TokenLifetime).UtcDateTime,
            Claims = grant.Unstarted
                ? new Dictionary<string, object> { [ConversationClaim] = grant.ConversationId, [UserClaim] = grant.UserId, [UnstartedClaim] = true }
                : new Dictionary<string, object> { [ConversationClaim] = grant.ConversationId, [UserClaim] = grant.UserId },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return new DirectLineIssuedToken(token, (int)_options.TokenLifetime.TotalSeconds);
    }

    public async Task<DirectLineTokenCheck> VerifyAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        }).ConfigureAwait(false);

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>(ConversationClaim, out var conversationId)
            || !jwt.TryGetPayloadValue<string>(UserClaim, out var userId)
            || string.IsNullOrEmpty(conversationId) || string.IsNullOrEmpty(userId))
        {
            return new DirectLineTokenCheck(DirectLineTokenStatus.Invalid);
        }

        return _time.GetUtcNow() >= new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)
            ? new DirectLineTokenCheck(DirectLineTokenStatus.Expired)
            : new DirectLineTokenCheck(
                DirectLineTokenStatus.Valid,
                new DirectLineGrant(conversationId, userId, jwt.TryGetPayloadValue<bool>(UnstartedClaim, out var unstarted) && unstarted));
    }

    // JWT times are whole seconds; rounding here keeps "expires at" exactly issue time + lifetime.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
