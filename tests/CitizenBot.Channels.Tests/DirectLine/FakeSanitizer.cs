using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;

namespace CitizenBot.Channels.Tests.DirectLine;

/// <summary>
/// Stands in for the bot's SkiaSharp re-encoder: what it "cleans" comes back as <see cref="Cleaned"/> of the original,
/// so a test can tell a stored file from the uploaded bytes; <see cref="Refusal"/> makes it refuse, <see cref="Header"/>
/// makes it judge the first bytes.
/// </summary>
internal sealed class FakeSanitizer : IDirectLineImageSanitizer
{
    public ImageRefusal Refusal { get; set; }

    public ImageHeader Header { get; set; } = ImageHeader.Plausible;

    /// <summary>How many bytes the header check was shown, each time.</summary>
    public List<int> HeaderLengths { get; } = [];

    public GeoCoordinates? Gps { get; set; }

    public int Calls { get; private set; }

    /// <summary>The original's header, a marker, and the rest of the original past the marker's length: as large, not the same.</summary>
    public static byte[] Cleaned(byte[] original) =>
        [.. original.Take(ImageSignature.HeaderLength), .. "cleaned"u8, .. original.Skip(ImageSignature.HeaderLength + 7)];

    public ImageHeader CheckHeader(ReadOnlySpan<byte> prefix, bool complete)
    {
        lock (HeaderLengths)
        {
            HeaderLengths.Add(prefix.Length);
        }

        return Header;
    }

    public Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Calls++;
        var original = content.ToArray();
        return Task.FromResult<(SanitizedImage?, ImageRefusal)>(Refusal != ImageRefusal.None
            ? (null, Refusal)
            : (new SanitizedImage(Cleaned(original), ImageSignature.Detect(original)!, Gps), ImageRefusal.None));
    }
}
