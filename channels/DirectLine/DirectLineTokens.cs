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
/// <param name="Born">
/// When the first token of this conversation was issued; refreshing carries it over, and no token lives past it plus
/// <see cref="DirectLineOptions.TokenMaxAge"/>. Null: now.
/// </param>
internal sealed record DirectLineGrant(string ConversationId, string UserId, bool Unstarted = false, DateTimeOffset? Born = null);

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
/// time by the JWT library; <c>nbf</c>, expiry and the maximum age (claim <c>born</c>) are checked against the injected
/// clock, not the library's.
/// Also checks the secret, also in constant time.
/// </summary>
internal sealed class DirectLineTokens
{
    private const string Issuer = "citizenbot-directline";
    private const string ConversationClaim = "conv";
    private const string UserClaim = "user";
    private const string UnstartedClaim = "unstarted";
    private const string BornClaim = "born";

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

    /// <summary>A token for the grant, expiring after the lifetime or at the grant's maximum age, whichever is first.</summary>
    /// <returns>Null when the grant is past its maximum age: the citizen starts a new conversation.</returns>
    public DirectLineIssuedToken? Renew(DirectLineGrant grant)
    {
        var now = TruncateToSeconds(_time.GetUtcNow());
        var born = TruncateToSeconds(grant.Born ?? now);
        var expires = Min(now + _options.TokenLifetime, born + _options.TokenMaxAge);
        if (expires <= now)
        {
            return null;
        }

        var claims = new Dictionary<string, object>
        {
            [ConversationClaim] = grant.ConversationId,
            [UserClaim] = grant.UserId,
            [BornClaim] = born.ToUnixTimeSeconds(),
        };
        if (grant.Unstarted)
        {
            claims[UnstartedClaim] = true;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return new DirectLineIssuedToken(token, (int)(expires - now).TotalSeconds);
    }

    /// <summary>The first token of a grant: its maximum age starts now.</summary>
    public DirectLineIssuedToken Issue(DirectLineGrant grant) => Renew(grant with { Born = null })!;

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

        var now = _time.GetUtcNow();
        var notBefore = new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero);
        if (jwt.ValidFrom == DateTime.MinValue || now < notBefore)
        {
            // Not yet valid, or no nbf at all: we never issue such a token.
            return new DirectLineTokenCheck(DirectLineTokenStatus.Invalid);
        }

        var born = jwt.TryGetClaim(BornClaim, out var bornClaim)
            && long.TryParse(bornClaim.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bornSeconds)
                ? DateTimeOffset.FromUnixTimeSeconds(bornSeconds)
                : notBefore;
        return now >= new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) || now >= born + _options.TokenMaxAge
            ? new DirectLineTokenCheck(DirectLineTokenStatus.Expired)
            : new DirectLineTokenCheck(
                DirectLineTokenStatus.Valid,
                new DirectLineGrant(conversationId, userId, jwt.TryGetPayloadValue<bool>(UnstartedClaim, out var unstarted) && unstarted, born));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    // JWT times are whole seconds; rounding here keeps "expires at" exactly issue time + lifetime.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
