using System.Text.RegularExpressions;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Photos;

internal enum PhotoSourceResult
{
    Read,
    TooLarge,
    Unreadable,
}

/// <summary>
/// Gets an attachment's bytes without ever fetching a remote URL (no SSRF): a <c>data:</c> URI, or a file of the
/// Direct Line upload folder named by the last segment of the URL. WeChat media are downloaded into that same folder.
/// </summary>
internal sealed partial class PhotoSource(string uploadDirectory)
{
    public async Task<(byte[]? Content, PhotoSourceResult Result)> ReadAsync(Attachment attachment, long maxBytes, CancellationToken cancellationToken)
    {
        var url = attachment.ContentUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return (null, PhotoSourceResult.Unreadable);
        }

        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return ReadDataUri(url, maxBytes);
        }

        var path = url.Split('?', '#')[0];
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        if (!UploadNamePattern().IsMatch(fileName) || string.IsNullOrEmpty(uploadDirectory))
        {
            return (null, PhotoSourceResult.Unreadable);
        }

        var file = new FileInfo(Path.Combine(uploadDirectory, fileName));
        if (!file.Exists)
        {
            return (null, PhotoSourceResult.Unreadable);
        }

        if (file.Length > maxBytes)
        {
            return (null, PhotoSourceResult.TooLarge);
        }

        return (await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false), PhotoSourceResult.Read);
    }

    private static (byte[]? Content, PhotoSourceResult Result) ReadDataUri(string url, long maxBytes)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return (null, PhotoSourceResult.Unreadable);
        }

        var payload = url.AsSpan(comma + 1);
        if ((long)payload.Length / 4 * 3 > maxBytes + 3)
        {
            return (null, PhotoSourceResult.TooLarge);
        }

        var buffer = new byte[payload.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64Chars(payload, buffer, out var written))
        {
            return (null, PhotoSourceResult.Unreadable);
        }

        return written > maxBytes ? (null, PhotoSourceResult.TooLarge) : (buffer[..written], PhotoSourceResult.Read);
    }

    // The names DirectLineUploadFolder gives (192 random bits, base64url) plus an image extension.
    [GeneratedRegex("^[A-Za-z0-9_-]{32}\\.[a-z]{3,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex UploadNamePattern();
}
