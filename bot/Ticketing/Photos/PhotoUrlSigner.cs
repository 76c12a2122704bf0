using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>
/// Expiring links to stored photos for the center: <c>/photos/{id}.jpg?exp=&lt;unix&gt;&amp;sig=&lt;HMAC&gt;</c>.
/// The link is the capability; it stops working at <c>exp</c>.
/// </summary>
internal sealed class PhotoUrlSigner(byte[] key, TimeProvider time)
{
    public const string RoutePrefix = "/photos";

    public string CreatePath(string photoId, PhotoVariant variant, TimeSpan lifetime)
    {
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        return $"{RoutePrefix}/{FileName(photoId, variant)}?exp={expires.ToString(CultureInfo.InvariantCulture)}&sig={Sign(photoId, variant, expires)}";
    }

    public bool IsValid(string photoId, PhotoVariant variant, long expires, string? signature)
    {
        if (signature is null || time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(photoId, variant, expires));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    public static string FileName(string photoId, PhotoVariant variant) =>
        variant == PhotoVariant.Thumbnail ? $"{photoId}.thumb.jpg" : $"{photoId}.jpg";

    private string Sign(string photoId, PhotoVariant variant, long expires)
    {
        var message = Encoding.UTF8.GetBytes($"{photoId}.{variant}.{expires.ToString(CultureInfo.InvariantCulture)}");
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, message));
    }
}
