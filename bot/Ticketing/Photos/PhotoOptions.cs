using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>Bound from configuration section <c>Photos</c>.</summary>
public sealed class PhotoOptions
{
    public const string SectionName = "Photos";

    /// <summary>Largest photo accepted, in bytes. <value>10 MB.</value></summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The pixel budget of PhotoProcessor's default, for callers without options.</summary>
    internal const long DefaultMaxPixels = 40L * 1000 * 1000;

    /// <summary>
    /// Most pixels an image may claim in its header; larger ones are refused before any decode (a decompression bomb: a
    /// 65 KB PNG can claim 8192×8192 = 67 million). <value>40 million (a 48 MP camera's full-size mode is refused;
    /// phones save 12 MP by default).</value>
    /// </summary>
    [Range(1_000_000, 200_000_000)]
    public long MaxPixels { get; set; } = DefaultMaxPixels;

    /// <summary>Longest side of the stored image; larger photos are scaled down. <value>2560 px.</value></summary>
    [Range(320, 8192)]
    public int MaxPixelSide { get; set; } = 2560;

    /// <summary>Longest side of the thumbnail. <value>320 px.</value></summary>
    [Range(64, 1024)]
    public int ThumbnailSide { get; set; } = 320;

    /// <summary>JPEG quality of stored images. <value>85.</value></summary>
    [Range(30, 100)]
    public int JpegQuality { get; set; } = 85;

    /// <summary>How long a signed photo URL handed to the center stays valid. <value>72 hours.</value></summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Base64 HMAC key for photo URLs; empty: a key file generated under the data folder (<c>keys/photo-urls.key</c>).
    /// Scaled out, every instance needs the same key here.</summary>
    public string SigningKey { get; set; } = "";
}
