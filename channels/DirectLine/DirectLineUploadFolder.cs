using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>A stored upload: its public file name and what its bytes are.</summary>
internal sealed record StoredUpload(string FileName, ImageSignature Kind, long Length);

internal enum UploadRejection
{
    None,
    Empty,
    NotAnImage,
    TooLarge,
}

/// <summary>
/// Uploaded images on disk under unguessable names (192 random bits). The name is the only capability: the files are
/// served without Authorization, because browsers fetch <c>&lt;img src&gt;</c> without it (brief §6).
/// </summary>
internal sealed partial class DirectLineUploadFolder(IOptions<DirectLineOptions> options)
{
    private string Root => Path.GetFullPath(options.Value.UploadDirectory);

    /// <summary>Streams one file part to disk, checking its kind by content and its size as it goes.</summary>
    public async Task<(StoredUpload? Upload, UploadRejection Rejection)> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var header = new byte[ImageSignature.HeaderLength];
        var headerLength = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (headerLength == 0)
        {
            return (null, UploadRejection.Empty);
        }

        if (ImageSignature.Detect(header.AsSpan(0, headerLength)) is not { } kind)
        {
            return (null, UploadRejection.NotAnImage);
        }

        Directory.CreateDirectory(Root);
        var fileName = $"{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24))}.{kind.Extension}";
        var path = Path.Combine(Root, fileName);
        var limit = options.Value.MaxUploadBytes;
        long length = headerLength;
        var tooLarge = length > limit;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await file.WriteAsync(header.AsMemory(0, headerLength), cancellationToken).ConfigureAwait(false);
            var buffer = new byte[81920];
            int read;
            while (!tooLarge && (read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                tooLarge = length > limit;
                if (!tooLarge)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (tooLarge)
        {
            File.Delete(path);
            return (null, UploadRejection.TooLarge);
        }

        return (new StoredUpload(fileName, kind, length), UploadRejection.None);
    }

    public void Delete(StoredUpload upload) => File.Delete(Path.Combine(Root, upload.FileName));

    /// <summary>The path and type of a stored file, or null for any name this folder could not have produced.</summary>
    public (string Path, ImageSignature Kind)? Find(string fileName)
    {
        if (!FileNamePattern().IsMatch(fileName) || ImageSignature.FromExtension(Path.GetExtension(fileName)[1..]) is not { } kind)
        {
            return null;
        }

        var path = Path.Combine(Root, fileName);
        return File.Exists(path) ? (path, kind) : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{32}\\.[a-z]{3,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
