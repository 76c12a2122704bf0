using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace CitizenBot.Bot.Tests.TestData;

/// <summary>Real images made in the test: a JPEG with an EXIF GPS block, as a phone camera writes one.</summary>
internal static class TestImages
{
    public static byte[] Jpeg(int width = 64, int height = 48) => Encode(SKEncodedImageFormat.Jpeg, width, height);

    public static byte[] Png(int width = 64, int height = 48) => Encode(SKEncodedImageFormat.Png, width, height);

    /// <summary>
    /// A decompression bomb: a valid 1-bit grayscale PNG whose header claims <paramref name="width"/>×<paramref name="height"/>
    /// pixels, all zero, so it compresses to a few dozen kilobytes (8192×8192: about 65 million pixels in ~10 KB).
    /// </summary>
    public static byte[] PngBomb(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth
        header[9] = 0; // grayscale
        Chunk(output, "IHDR", header);
        using var raw = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(raw, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + ((width + 7) / 8)];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        Chunk(output, "IDAT", raw.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        output.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(typed));
        output.Write(crc);
    }

    /// <summary>The first bytes of a PDF: what a "photo" that is not one looks like.</summary>
    public static byte[] FakePdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");

    /// <summary>A JPEG with an APP1 Exif segment: IFD0 → GPS IFD with N/E latitude and longitude.</summary>
    public static byte[] JpegWithGps(double latitude, double longitude)
    {
        var tiff = new byte[128];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        // IFD0: one entry, GPSInfo (0x8825, LONG) → GPS IFD at 26.
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);
        Entry(tiff, 10, 0x8825, 4, 1, 26);
        // GPS IFD at 26: four entries, then next-IFD 0; rationals at 80 and 104.
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(26), 4);
        Entry(tiff, 28, 0x0001, 2, 2, 0);
        tiff[36] = (byte)'N';
        Entry(tiff, 40, 0x0002, 5, 3, 80);
        Entry(tiff, 52, 0x0003, 2, 2, 0);
        tiff[60] = (byte)'E';
        Entry(tiff, 64, 0x0004, 5, 3, 104);
        Rationals(tiff, 80, latitude);
        Rationals(tiff, 104, longitude);

        var exifHeader = Encoding.ASCII.GetBytes("Exif\0\0");
        var segmentLength = 2 + exifHeader.Length + tiff.Length;
        var jpeg = Jpeg();
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2); // SOI
        output.Write([0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength]);
        output.Write(exifHeader);
        output.Write(tiff);
        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    private static void Entry(byte[] tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 4), count);
        if (type != 2)
        {
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 8), value);
        }
    }

    private static void Rationals(byte[] tiff, int at, double degrees)
    {
        var d = (uint)Math.Floor(degrees);
        var minutes = (degrees - d) * 60;
        var m = (uint)Math.Floor(minutes);
        var s = (uint)Math.Round((minutes - m) * 60 * 1000);
        uint[] values = [d, 1, m, 1, s, 1000];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + i * 4), values[i]);
        }
    }

    public static string DataUri(byte[] content, string type = "image/jpeg") => $"data:{type};base64,{Convert.ToBase64String(content)}";

    private static byte[] Encode(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.OrangeRed);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
