using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.DirectLine;

/// <summary>Why an uploaded file was not kept.</summary>
public enum ImageRefusal
{
    None,

    /// <summary>Not an image by its bytes, or an image that does not decode.</summary>
    NotAnImage,

    /// <summary>Its header claims more pixels than the budget (a decompression bomb looks like this).</summary>
    TooManyPixels,

    /// <summary>Too many images already wait to be decoded: try again shortly (503 with <c>Retry-After</c>).</summary>
    Busy,
}

/// <summary>What the first bytes of an upload say, before the rest of it is read.</summary>
public enum ImageHeader
{
    /// <summary>A well-formed header within the pixel budget: read the rest and decode it.</summary>
    Plausible,

    /// <summary>The header runs past the bytes seen so far: read the rest and let the full check decide.</summary>
    Incomplete,

    /// <summary>Not an image by its structure (a JPEG's markers, a PNG's chunks…): refused without reading the rest.</summary>
    NotAnImage,

    /// <summary>Its header claims more pixels than the budget: refused without reading the rest.</summary>
    TooManyPixels,
}

/// <summary>An upload made safe to keep: re-encoded without any metadata, and the GPS position it carried, if any.</summary>
public sealed record SanitizedImage(byte[] Content, ImageSignature Kind, GeoCoordinates? Gps);

/// <summary>
/// Checks an uploaded image by its header (format, dimensions against a pixel budget) before any full decode, then
/// decodes and re-encodes it so that nothing of the original file (EXIF, GPS, camera, comments) is ever written to
/// disk. The host supplies it (the bot with SkiaSharp); the Direct Line server keeps no upload it has not cleaned.
/// </summary>
public interface IDirectLineImageSanitizer
{
    /// <summary>
    /// Judges an upload by its first bytes (<paramref name="complete"/>: they are the whole file), so that a garbage
    /// "image" or a bomb is refused without reading the megabytes behind its magic number.
    /// </summary>
    ImageHeader CheckHeader(ReadOnlySpan<byte> prefix, bool complete);

    /// <summary>Decodes and re-encodes the whole file; <paramref name="content"/> is lent for the call only (a pooled buffer).</summary>
    Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>The default when the host supplies none: nothing uncleaned is kept, so every upload is refused.</summary>
internal sealed class RefuseAllUploads : IDirectLineImageSanitizer
{
    public ImageHeader CheckHeader(ReadOnlySpan<byte> prefix, bool complete) => ImageHeader.NotAnImage;

    public Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        Task.FromResult<(SanitizedImage?, ImageRefusal)>((null, ImageRefusal.NotAnImage));
}
