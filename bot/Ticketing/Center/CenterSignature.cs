using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// The signature both directions use: <c>X-CitizenBot-Timestamp: &lt;unix seconds&gt;</c> and
/// <c>X-CitizenBot-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>.
/// </summary>
internal static class CenterSignature
{
    public const string TimestampHeader = "X-CitizenBot-Timestamp";
    public const string SignatureHeader = "X-CitizenBot-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";
    private const string Prefix = "sha256=";

    public static string Compute(byte[] secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, message));
    }

    /// <summary>Checks the timestamp window first, then the signature in constant time.</summary>
    public static bool Verify(byte[] secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || signatureHeader is null
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > window.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
