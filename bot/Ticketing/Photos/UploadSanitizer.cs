using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>
/// Cleans a Web Chat upload before the Direct Line server writes it: header checked against the pixel budget, then
/// decoded and re-encoded as JPEG like the center's copy (no EXIF, no GPS, nothing of the original file); the GPS
/// position is read first and handed back, so the report can still use it. A file is judged by its first bytes before
/// the rest of it is read (<see cref="CheckHeader"/>). The header is checked at once; uploads are
/// then decoded one at a time, off the request thread, with at most <see cref="MaxWaiting"/> waiting (more:
/// <see cref="ImageRefusal.Busy"/>, 503): a flood of large valid photos from many conversations keeps one core busy at
/// most and leaves the other to the citizens' turns.
/// </summary>
internal sealed class UploadSanitizer(IOptions<PhotoOptions> options) : IDirectLineImageSanitizer
{
    internal const int MaxWaiting = 16;

    private readonly SemaphoreSlim _decoder = new(1, 1);
    private int _waiting;

    /// <summary>
    /// A JPEG's markers are walked strictly to its frame header (<see cref="JpegMarkers"/>); then, for every kind,
    /// SkiaSharp's codec reads the header from the prefix and its dimensions meet the pixel budget. A prefix the codec
    /// cannot read yet (a header longer than the prefix) is <see cref="ImageHeader.Incomplete"/>: the full check decides.
    /// </summary>
    public ImageHeader CheckHeader(ReadOnlySpan<byte> prefix, bool complete)
    {
        if (ImageSignature.Detect(prefix) == ImageSignature.Jpeg)
        {
            switch (JpegMarkers.Read(prefix).Structure)
            {
                case JpegStructure.Malformed:
                    return ImageHeader.NotAnImage;
                case JpegStructure.Truncated:
                    return complete ? ImageHeader.NotAnImage : ImageHeader.Incomplete;
            }
        }

        return PhotoProcessor.Check(prefix, options.Value.MaxPixels) switch
        {
            PhotoCheck.Decodable => ImageHeader.Plausible,
            PhotoCheck.TooManyPixels => ImageHeader.TooManyPixels,
            _ => complete ? ImageHeader.NotAnImage : ImageHeader.Incomplete,
        };
    }

    public async Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        switch (PhotoProcessor.Check(content.Span, settings.MaxPixels))
        {
            case PhotoCheck.NotAnImage:
                return (null, ImageRefusal.NotAnImage);
            case PhotoCheck.TooManyPixels:
                return (null, ImageRefusal.TooManyPixels);
        }

        if (Interlocked.Increment(ref _waiting) > MaxWaiting + 1)
        {
            Interlocked.Decrement(ref _waiting);
            return (null, ImageRefusal.Busy);
        }

        try
        {
            await _decoder.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Decoding is CPU work: off the request thread.
                return await Task.Run<(SanitizedImage?, ImageRefusal)>(
                    () => PhotoProcessor.Process(content, settings.MaxPixelSide, settings.ThumbnailSide, settings.JpegQuality, settings.MaxPixels) is { } photo
                        ? (new SanitizedImage(photo.Jpeg, ImageSignature.Jpeg, photo.Gps), ImageRefusal.None)
                        : (null, ImageRefusal.NotAnImage),
                    cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _decoder.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }
}
