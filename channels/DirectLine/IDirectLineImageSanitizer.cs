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

/// <summary>An upload made safe to keep: re-encoded without any metadata, and the GPS position it carried, if any.</summary>
public sealed record SanitizedImage(byte[] Content, ImageSignature Kind, GeoCoordinates? Gps);

/// <summary>
/// Checks an uploaded image by its header (format, dimensions against a pixel budget) before any full decode, then
/// decodes and re-encodes it so that nothing of the original file (EXIF, GPS, camera, comments) is ever written to
/// disk. The host supplies it (the bot with SkiaSharp); the Direct Line server keeps no upload it has not cleaned.
/// </summary>
public interface IDirectLineImageSanitizer
{
    Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(byte[] content, CancellationToken cancellationToken);
}

/// <summary>The default when the host supplies none: nothing uncleaned is kept, so every upload is refused.</summary>
internal sealed class RefuseAllUploads : IDirectLineImageSanitizer
{
    public Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(byte[] content, CancellationToken cancellationToken) =>
        Task.FromResult<(SanitizedImage?, ImageRefusal)>((null, ImageRefusal.NotAnImage));
}
