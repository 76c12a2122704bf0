using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;

namespace CitizenBot.Channels.Tests.DirectLine;

/// <summary>
/// Stands in for the bot's SkiaSharp re-encoder: what it "cleans" comes back as <see cref="Cleaned"/> of the original,
/// so a test can tell a stored file from the uploaded bytes; <see cref="Refusal"/> makes it refuse.
/// </summary>
internal sealed class FakeSanitizer : IDirectLineImageSanitizer
{
    public ImageRefusal Refusal { get; set; }

    public GeoCoordinates? Gps { get; set; }

    public int Calls { get; private set; }

    /// <summary>The original's header, a marker, and the rest of the original past the marker's length: as large, not the same.</summary>
    public static byte[] Cleaned(byte[] original) =>
        [.. original.Take(ImageSignature.HeaderLength), .. "cleaned"u8, .. original.Skip(ImageSignature.HeaderLength + 7)];

    public Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(byte[] content, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult<(SanitizedImage?, ImageRefusal)>(Refusal != ImageRefusal.None
            ? (null, Refusal)
            : (new SanitizedImage(Cleaned(content), ImageSignature.Detect(content)!, Gps), ImageRefusal.None));
    }
}
