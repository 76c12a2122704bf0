using System.Runtime.InteropServices;
using CitizenBot.Channels.Activities;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SkiaSharp;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>A photo decoded, its GPS read and re-encoded as JPEG without any metadata.</summary>
internal sealed record ProcessedPhoto(byte[] Jpeg, byte[] Thumbnail, int Width, int Height, GeoCoordinates? Gps);

/// <summary>What the header of an image says, read before anything is decoded.</summary>
internal enum PhotoCheck
{
    Decodable,
    NotAnImage,
    TooManyPixels,
}

/// <summary>
/// Reads the EXIF GPS position first, then re-encodes with SkiaSharp, whose JPEG encoder writes no EXIF: the stored
/// image keeps no camera, time or location metadata. The header (format, dimensions) is checked against
/// the pixel budget before any decode, JPEGs are decoded already scaled down where the codec can, and at most one
/// decode per core runs at once: a 65 KB PNG that claims 8192×8192 is refused from its header.
/// </summary>
internal static class PhotoProcessor
{
    private static readonly SemaphoreSlim Decoders = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>The budget check, from the header only.</summary>
    public static PhotoCheck Check(ReadOnlySpan<byte> content, long maxPixels)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return PhotoCheck.NotAnImage;
        }

        return (long)codec.Info.Width * codec.Info.Height > maxPixels ? PhotoCheck.TooManyPixels : PhotoCheck.Decodable;
    }

    public static ProcessedPhoto? Process(ReadOnlyMemory<byte> content, int maxSide, int thumbnailSide, int quality, long maxPixels = PhotoOptions.DefaultMaxPixels)
    {
        var gps = ReadGps(content);
        using var data = SKData.CreateCopy(content.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > maxPixels)
        {
            return null;
        }

        Decoders.Wait();
        try
        {
            using var decoded = DecodeScaled(codec, maxSide);
            if (decoded is null)
            {
                return null;
            }

            using var fitted = Fit(decoded, maxSide);
            using var full = Orient(fitted, codec.EncodedOrigin);
            using var thumb = Fit(full, thumbnailSide);
            return new ProcessedPhoto(Encode(full, quality), Encode(thumb, quality), full.Width, full.Height, gps);
        }
        finally
        {
            Decoders.Release();
        }
    }

    /// <summary>Decodes at the smallest size the codec offers that is still at least <paramref name="maxSide"/> (JPEG: 1/2, 1/4, 1/8).</summary>
    private static SKBitmap? DecodeScaled(SKCodec codec, int maxSide)
    {
        var info = codec.Info;
        var scale = Math.Min(1f, (float)maxSide / Math.Max(info.Width, info.Height));
        var size = scale < 1f ? codec.GetScaledDimensions(scale) : info.Size;
        if (size.Width < 1 || size.Height < 1)
        {
            size = info.Size;
        }

        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput)
        {
            return bitmap;
        }

        bitmap.Dispose();
        if (size == info.Size)
        {
            return null;
        }

        // The codec could not scale after all: a full decode, still within the pixel budget.
        bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(bitmap.Info, bitmap.GetPixels()) is SKCodecResult.Success or SKCodecResult.IncompleteInput)
        {
            return bitmap;
        }

        bitmap.Dispose();
        return null;
    }

    internal static GeoCoordinates? ReadGps(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var stream = MemoryMarshal.TryGetArray(content, out var array)
                ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            var gps = ImageMetadataReader.ReadMetadata(stream).OfType<GpsDirectory>().FirstOrDefault();
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
