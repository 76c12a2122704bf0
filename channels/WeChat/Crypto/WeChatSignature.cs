using System.Security.Cryptography;
using System.Text;

namespace CitizenBot.Channels.WeChat.Crypto;

/// <summary>
/// The callback signatures: <c>signature = sha1(sort(token, timestamp, nonce))</c> and, in safe mode,
/// <c>msg_signature = sha1(sort(token, timestamp, nonce, Encrypt))</c>.
/// </summary>
internal static class WeChatSignature
{
    /// <summary>Lowercase hex SHA-1 of the parts sorted by ordinal order and joined without separator.</summary>
    /// <remarks>Culture-aware sorting gives a different order on real data (vector MSGSIG-ORD-1).</remarks>
    public static string Compute(params string[] parts)
    {
        var sorted = (string[])parts.Clone();
        Array.Sort(sorted, StringComparer.Ordinal);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted)));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Compares a received signature with the expected one in constant time.</summary>
    public static bool Matches(string? received, params string[] parts)
    {
        if (string.IsNullOrEmpty(received))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(parts));
        var actual = Encoding.ASCII.GetBytes(received.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
