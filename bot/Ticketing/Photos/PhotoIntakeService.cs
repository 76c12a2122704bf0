using System.Security.Cryptography;
using CitizenBot.Bot.Data;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>Checks a citizen's photo by content and size, reads its GPS, stores it stripped and records who sent it.</summary>
internal sealed partial class PhotoIntakeService(
    PhotoSource source,
    PhotoFolder folder,
    IDbContextFactory<CitizenBotDbContext> databases,
    IOptions<PhotoOptions> options,
    TimeProvider time,
    ILogger<PhotoIntakeService> logger)
{
    public async Task<PhotoIntake> AcceptAsync(Attachment attachment, Reporter reporter, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (content, result) = await source.ReadAsync(attachment, reporter.ConversationId, settings.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (result == PhotoSourceResult.TooLarge)
        {
            LogRejected(logger, nameof(PhotoRejection.TooLarge));
            return new PhotoIntake(null, PhotoRejection.TooLarge);
        }

        if (content is null || content.Length == 0)
        {
            LogRejected(logger, nameof(PhotoRejection.Unreadable));
            return new PhotoIntake(null, PhotoRejection.Unreadable);
        }

        if (!LooksLikeImage(content))
        {
            LogRejected(logger, nameof(PhotoRejection.NotAnImage));
            return new PhotoIntake(null, PhotoRejection.NotAnImage);
        }

        if (PhotoProcessor.Check(content, settings.MaxPixels) == PhotoCheck.TooManyPixels)
        {
            LogRejected(logger, "TooManyPixels");
            return new PhotoIntake(null, PhotoRejection.TooLarge);
        }

        var processed = PhotoProcessor.Process(content, settings.MaxPixelSide, settings.ThumbnailSide, settings.JpegQuality, settings.MaxPixels);
        if (processed is null)
        {
            LogRejected(logger, nameof(PhotoRejection.Unreadable));
            return new PhotoIntake(null, PhotoRejection.Unreadable);
        }

        // A Web Chat upload was cleaned before it was stored; the position its original carried came along beside it.
        processed = processed with { Gps = processed.Gps ?? DirectLineUploads.ReadGps(attachment) };
        var id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var (full, thumbnail) = PhotoFolder.NewFiles(id);
        Directory.CreateDirectory(folder.Root);
        await File.WriteAllBytesAsync(folder.Resolve(full)!, processed.Jpeg, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(folder.Resolve(thumbnail)!, processed.Thumbnail, cancellationToken).ConfigureAwait(false);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Photos.Add(new TicketPhotoRecord
        {
            Id = id,
            FilePath = full,
            ThumbnailPath = thumbnail,
            ChannelId = reporter.ChannelId,
            UserId = reporter.UserId,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(processed.Jpeg)),
            Width = processed.Width,
            Height = processed.Height,
            Bytes = processed.Jpeg.Length,
            GpsLatitude = processed.Gps?.Latitude,
            GpsLongitude = processed.Gps?.Longitude,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new PhotoIntake(id, PhotoRejection.None, processed.Gps);
    }

    /// <summary>JPEG, PNG, WebP, GIF or HEIF by their first bytes; never by name or declared type.</summary>
    internal static bool LooksLikeImage(ReadOnlySpan<byte> header) =>
        header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        || header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8)
        || (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        || (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8));

    [LoggerMessage(Level = LogLevel.Information, Message = "Photo rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
