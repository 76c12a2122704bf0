using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CitizenBot.Channels.Housekeeping;
using Microsoft.Extensions.Options;
using Microsoft.IO;

namespace CitizenBot.Channels.DirectLine;

/// <summary>A stored upload: its public file name and what its bytes are.</summary>
internal sealed record StoredUpload(string FileName, ImageSignature Kind, long Length, Activities.GeoCoordinates? Gps = null);

internal enum UploadRejection
{
    None,
    Empty,
    NotAnImage,
    TooLarge,
    TooManyPixels,

    /// <summary>The conversation's uploads this hour, or its bytes today, are used up.</summary>
    ConversationQuota,

    /// <summary>The whole upload folder is at its budget.</summary>
    StorageFull,

    /// <summary>The decoder's queue is full.</summary>
    Busy,
}

/// <summary>
/// Uploaded images on disk, one folder per conversation (named by a hash of its id) under unguessable file names
/// (192 random bits). Only what <see cref="IDirectLineImageSanitizer"/> re-encoded is ever written: a file is judged by
/// its first bytes, read into pooled memory (at most <see cref="DirectLineOptions.MaxUploadBytes"/>), checked, cleaned,
/// and only then saved. The budget of the whole folder (<see cref="DirectLineOptions.UploadStorageBudgetBytes"/>) is
/// counted from the folder itself, which instances scaled out share. Files are
/// served only to holders of a token for their conversation, are deleted with the conversation, and are swept after
/// <see cref="DirectLineOptions.UploadRetention"/> (the ticket keeps its own copy in the bot's photo folder). A
/// conversation's uploads per hour and bytes per day are counted by <see cref="IDirectLineRateLimiter"/> (in Redis when
/// scaled out, so instances sharing the folder share the allowance); a file counts before it is decoded.
/// </summary>
internal sealed partial class DirectLineUploadFolder(
    IOptions<DirectLineOptions> options, IDirectLineImageSanitizer sanitizer, IDirectLineRateLimiter limiter, TimeProvider time)
{
    /// <summary>How much of a file is judged (magic number, then the image header) before the rest of it is read.</summary>
    internal const int HeaderPrefixBytes = 64 * 1024;

    /// <summary>How often the folder's total is counted again from the disk (see <see cref="TotalBytes"/>).</summary>
    internal static readonly TimeSpan RecountInterval = TimeSpan.FromSeconds(10);

    private readonly PruneSchedule _sweep = new(time, TimeSpan.FromMinutes(10));
    private readonly PruneSchedule _recount = new(time, RecountInterval);
    private long _totalBytes = -1;

    private string Root => Path.GetFullPath(options.Value.UploadDirectory);

    /// <summary>
    /// Reads one file part, checks it by content, cleans it, and saves the cleaned image only. The first
    /// <see cref="HeaderPrefixBytes"/> are judged before the rest is read: a garbage "image" or a bomb costs one
    /// prefix, not 10 MB. The file is read into pooled buffers (<see cref="UploadBuffers"/>), not a new array each time.
    /// </summary>
    public async Task<(StoredUpload? Upload, UploadRejection Rejection)> SaveAsync(string conversationId, Stream content, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        SweepIfDue();
        using var buffer = UploadBuffers.Manager.GetStream(nameof(DirectLineUploadFolder));
        var (bytes, read) = await ReadBoundedAsync(content, buffer, settings.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        if (read != UploadRejection.None)
        {
            return (null, read);
        }

        var folder = ConversationFolder(conversationId);
        if (TotalBytes() + bytes.Length > settings.UploadStorageBudgetBytes)
        {
            return (null, UploadRejection.StorageFull);
        }

        var files = await limiter.HitAsync("dl:uploads:" + conversationId, 1, settings.MaxUploadsPerConversationPerHour, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
        if (!files.Allowed)
        {
            return (null, UploadRejection.ConversationQuota);
        }

        var (image, refusal) = await sanitizer.SanitizeAsync(bytes, cancellationToken).ConfigureAwait(false);
        if (image is null)
        {
            return (null, refusal switch
            {
                ImageRefusal.TooManyPixels => UploadRejection.TooManyPixels,
                ImageRefusal.Busy => UploadRejection.Busy,
                _ => UploadRejection.NotAnImage,
            });
        }

        var stored = await limiter.HitAsync("dl:upload-bytes:" + conversationId, image.Content.Length, settings.MaxUploadBytesPerConversationPerDay, TimeSpan.FromDays(1), cancellationToken).ConfigureAwait(false);
        if (!stored.Allowed)
        {
            return (null, UploadRejection.ConversationQuota);
        }

        Directory.CreateDirectory(folder);
        var fileName = $"{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24))}.{image.Kind.Extension}";
        var path = Path.Combine(folder, fileName);
        await File.WriteAllBytesAsync(path, image.Content, cancellationToken).ConfigureAwait(false);
        File.SetLastWriteTimeUtc(path, time.GetUtcNow().UtcDateTime);
        Interlocked.Add(ref _totalBytes, image.Content.Length);
        return (new StoredUpload(fileName, image.Kind, image.Content.Length, image.Gps), UploadRejection.None);
    }

    public void Delete(string conversationId, StoredUpload upload)
    {
        var path = Path.Combine(ConversationFolder(conversationId), upload.FileName);
        if (File.Exists(path))
        {
            File.Delete(path);
            Interlocked.Add(ref _totalBytes, -upload.Length);
        }
    }

    /// <summary>Deletes every upload of a conversation (erasure, or the conversation ended).</summary>
    public void DeleteConversation(string conversationId)
    {
        var folder = ConversationFolder(conversationId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
            Interlocked.Exchange(ref _totalBytes, -1);
        }
    }

    /// <summary>The path and type of a stored file of this conversation, or null for any other name.</summary>
    public (string Path, ImageSignature Kind)? Find(string conversationId, string fileName) => Find(Root, conversationId, fileName);

    /// <summary>The same, for readers that know only the folder (the bot's photo intake reads uploads by it).</summary>
    internal static (string Path, ImageSignature Kind)? Find(string root, string conversationId, string fileName)
    {
        if (!FileNamePattern().IsMatch(fileName) || ImageSignature.FromExtension(Path.GetExtension(fileName)[1..]) is not { } kind)
        {
            return null;
        }

        var path = Path.Combine(ConversationFolder(root, conversationId), fileName);
        return File.Exists(path) ? (path, kind) : null;
    }

    /// <summary>Deletes uploads older than the retention and empty conversation folders.</summary>
    public void Sweep()
    {
        var root = new DirectoryInfo(Root);
        if (!root.Exists)
        {
            return;
        }

        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.UploadRetention;
        long total = 0;
        foreach (var folder in root.EnumerateDirectories())
        {
            foreach (var file in folder.EnumerateFiles())
            {
                if (file.LastWriteTimeUtc < cutoff)
                {
                    file.Delete();
                }
                else
                {
                    total += file.Length;
                }
            }

            if (!folder.EnumerateFileSystemInfos().Any())
            {
                folder.Delete();
            }
        }

        Interlocked.Exchange(ref _totalBytes, total);
    }

    /// <summary>The folder of one conversation: a hash of its id, so no id can name a path.</summary>
    internal string ConversationFolder(string conversationId) => ConversationFolder(Root, conversationId);

    internal static string ConversationFolder(string root, string conversationId) =>
        Path.Combine(Path.GetFullPath(root), Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId)).AsSpan(0, 18)));

    /// <summary>
    /// Reads a file into <paramref name="buffer"/>, judging its first bytes before the rest: the magic number, then the
    /// sanitizer's header check. The memory returned is the pooled buffer's, valid while it is not disposed.
    /// </summary>
    private async Task<(ReadOnlyMemory<byte> Bytes, UploadRejection Rejection)> ReadBoundedAsync(
        Stream content, RecyclableMemoryStream buffer, long limit, CancellationToken cancellationToken)
    {
        var prefixLength = (int)Math.Min(HeaderPrefixBytes, limit + 1);
        var prefix = ArrayPool<byte>.Shared.Rent(prefixLength);
        try
        {
            var length = await content.ReadAtLeastAsync(prefix.AsMemory(0, prefixLength), prefixLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (length == 0)
            {
                return (default, UploadRejection.Empty);
            }

            if (length > limit)
            {
                return (default, UploadRejection.TooLarge);
            }

            var seen = prefix.AsSpan(0, length);
            if (ImageSignature.Detect(seen) is null)
            {
                return (default, UploadRejection.NotAnImage);
            }

            switch (sanitizer.CheckHeader(seen, complete: length < prefixLength))
            {
                case ImageHeader.NotAnImage:
                    return (default, UploadRejection.NotAnImage);
                case ImageHeader.TooManyPixels:
                    return (default, UploadRejection.TooManyPixels);
            }

            buffer.Write(seen);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prefix);
        }

        while (true)
        {
            var read = await content.ReadAsync(buffer.GetMemory(), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.Length > limit)
            {
                return (default, UploadRejection.TooLarge);
            }
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), UploadRejection.None);
    }

    /// <summary>
    /// What the upload folder holds. Scaled out, every instance writes to the same folder, so the count is the folder's:
    /// it is taken again from the disk at most every <see cref="RecountInterval"/> and this instance's own writes are
    /// added in between. Another instance's writes since the last count are not seen until the next, so the folder can
    /// pass its budget by at most what the other instances store in one interval (each cleans one image at a time).
    /// </summary>
    private long TotalBytes()
    {
        var total = Interlocked.Read(ref _totalBytes);
        if (total >= 0 && !_recount.IsDue())
        {
            return total;
        }

        var root = new DirectoryInfo(Root);
        total = root.Exists ? root.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
        Interlocked.Exchange(ref _totalBytes, total);
        return total;
    }

    private void SweepIfDue()
    {
        if (_sweep.IsDue())
        {
            Sweep();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{32}\\.[a-z]{3,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
