using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;

namespace CitizenBot.Bot.Ticketing.Photos;

internal enum PhotoSourceResult
{
    Read,
    TooLarge,
    Unreadable,
}

/// <summary>
/// Gets an attachment's bytes without ever fetching a remote URL (no SSRF): a <c>data:</c> URI (WeChat media arrive so),
/// or a file of the Direct Line upload folder of the reporter's own conversation, named by the last segment of the
/// URL: an attachment cannot pull in another conversation's upload.
/// </summary>
internal sealed class PhotoSource(string uploadDirectory)
{
    public async Task<(byte[]? Content, PhotoSourceResult Result)> ReadAsync(Attachment attachment, string conversationId, long maxBytes, CancellationToken cancellationToken)
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
        if (string.IsNullOrEmpty(uploadDirectory) || DirectLineUploads.Find(uploadDirectory, conversationId, fileName) is not { } found)
        {
            return (null, PhotoSourceResult.Unreadable);
        }

        var file = new FileInfo(found.Path);
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
}
