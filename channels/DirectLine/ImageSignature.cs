namespace CitizenBot.Channels.DirectLine;

/// <summary>An image kind recognised by its first bytes, never by its file name or declared type.</summary>
public sealed record ImageSignature(string MediaType, string Extension)
{
    /// <summary>Enough leading bytes to tell every accepted kind apart.</summary>
    public const int HeaderLength = 12;

    public static readonly ImageSignature Jpeg = new("image/jpeg", "jpg");
    public static readonly ImageSignature Png = new("image/png", "png");
    public static readonly ImageSignature WebP = new("image/webp", "webp");
    public static readonly ImageSignature Gif = new("image/gif", "gif");
    public static readonly ImageSignature Heic = new("image/heic", "heic");

    public static readonly IReadOnlyList<ImageSignature> All = [Jpeg, Png, WebP, Gif, Heic];

    // ISO-BMFF brands of HEIF/HEIC stills and sequences (what iPhones and many Android phones write).
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    public static ImageSignature? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(header[8..12]);
            return HeifBrands.Contains(brand, StringComparer.Ordinal) ? Heic : null;
        }

        return null;
    }

    public static ImageSignature? FromExtension(string extension) =>
        All.FirstOrDefault(s => string.Equals(s.Extension, extension, StringComparison.Ordinal));
}
