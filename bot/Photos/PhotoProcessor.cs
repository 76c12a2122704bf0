using CitizenBot.Channels.Activities;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SkiaSharp;

namespace CitizenBot.Bot.Photos;

/// <summary>A photo decoded, its GPS read and re-encoded as JPEG without any metadata.</summary>
internal sealed record ProcessedPhoto(byte[] Jpeg, byte[] Thumbnail, int Width, int Height, GeoCoordinates? Gps);

/// <summary>
/// Reads the EXIF GPS position first, then re-encodes with SkiaSharp, whose JPEG encoder writes no EXIF: the stored
/// image keeps no camera, time or location metadata (DESIGN §9).
/// </summary>
internal static class PhotoProcessor
{
    // Decoded pixel budget; a small file can still claim a gigantic canvas (decompression bomb).
    private const long MaxPixels = 64L * 1024 * 1024;

    public static ProcessedPhoto? Process(byte[] content, int maxSide, int thumbnailSide, int quality)
    {
        var gps = ReadGps(content);
        using var codec = SKCodec.Create(new SKMemoryStream(content));
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        using var full = Fit(upright, maxSide);
        using var thumb = Fit(upright, thumbnailSide);
        return new ProcessedPhoto(Encode(full, quality), Encode(thumb, quality), full.Width, full.Height, gps);
    }

    private static GeoCoordinates? ReadGps(byte[] content)
    {
        try
        {
            var gps = ImageMetadataReader.ReadMetadata(new MemoryStream(content)).OfType<GpsDirectory>().FirstOrDefault();
            if (gps?.GetGeoLocation() is { IsZero: false } location)
            {
                var point = new GeoCoordinates(location.Latitude, location.Longitude, Crs: CoordinateSystems.Wgs84);
                return point.IsValid ? point : null;
            }
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException)
        {
            // Broken metadata is no reason to refuse the photo; it just has no position.
        }

        return null;
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        var width = swap ? source.Height : source.Width;
        var height = swap ? source.Width : source.Height;
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        canvas.Translate(width / 2f, height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), null);
        return result;
    }

    private static SKBitmap Fit(SKBitmap source, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(source.Width, source.Height));
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
        return source.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new InvalidOperationException("SkiaSharp could not scale the photo.");
    }

    private static byte[] Encode(SKBitmap bitmap, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
