using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>
/// Cleans a Web Chat upload before the Direct Line server writes it: header checked against the pixel budget, then
/// decoded and re-encoded as JPEG like the center's copy (no EXIF, no GPS, nothing of the original file); the GPS
/// position is read first and handed back, so the report can still use it.
/// </summary>
internal sealed class UploadSanitizer(IOptions<PhotoOptions> options) : IDirectLineImageSanitizer
{
    public Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(byte[] content, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        switch (PhotoProcessor.Check(content, settings.MaxPixels))
        {
            case PhotoCheck.NotAnImage:
                return Task.FromResult<(SanitizedImage?, ImageRefusal)>((null, ImageRefusal.NotAnImage));
            case PhotoCheck.TooManyPixels:
                return Task.FromResult<(SanitizedImage?, ImageRefusal)>((null, ImageRefusal.TooManyPixels));
        }

        // Decoding is CPU work; off the request thread, bounded by PhotoProcessor's decoder count.
        return Task.Run<(SanitizedImage?, ImageRefusal)>(
            () => PhotoProcessor.Process(content, settings.MaxPixelSide, settings.ThumbnailSide, settings.JpegQuality, settings.MaxPixels) is { } photo
                ? (new SanitizedImage(photo.Jpeg, ImageSignature.Jpeg, photo.Gps), ImageRefusal.None)
                : (null, ImageRefusal.NotAnImage),
            cancellationToken);
    }
}
