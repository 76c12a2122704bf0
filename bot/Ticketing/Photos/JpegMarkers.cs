using System.Buffers.Binary;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>What a JPEG's marker segments up to its frame header say.</summary>
internal enum JpegStructure
{
    /// <summary>Well-formed segments up to a frame header (SOFn): the image's size is known.</summary>
    Frame,

    /// <summary>Well-formed so far, but the bytes end before the frame header.</summary>
    Truncated,

    /// <summary>Not a JPEG: a segment does not start with a marker, or the scan or the end comes before any frame.</summary>
    Malformed,
}

/// <summary>
/// Walks a JPEG's marker segments (ITU T.81 B.1.1) from its start to its frame header, strictly: every segment must
/// begin with <c>0xFF</c> where the previous one's length ends. SkiaSharp's decoder (libjpeg-turbo) and
/// MetadataExtractor both skip stray bytes between segments to find the next marker, so on the first 64 KB of a file
/// that is <c>FF D8 FF E0</c> and then garbage they answer "need more data" (or find a random "marker"); this walk
/// says at once that it is no JPEG, before the rest of it is read.
/// </summary>
internal static class JpegMarkers
{
    private const byte Prefix = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte Temporary = 0x01;

    public static (JpegStructure Structure, int Width, int Height) Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != Prefix || data[1] != StartOfImage)
        {
            return (JpegStructure.Malformed, 0, 0);
        }

        var position = 2;
        while (true)
        {
            if (position >= data.Length)
            {
                return (JpegStructure.Truncated, 0, 0);
            }

            if (data[position] != Prefix)
            {
                return (JpegStructure.Malformed, 0, 0);
            }

            // Any number of fill bytes (0xFF) may precede a marker.
            while (position < data.Length && data[position] == Prefix)
            {
                position++;
            }

            if (position >= data.Length)
            {
                return (JpegStructure.Truncated, 0, 0);
            }

            var marker = data[position++];
            if (marker is 0x00 or StartOfImage or EndOfImage or StartOfScan)
            {
                // A stuffed zero outside entropy-coded data, a second start, or an end or a scan before any frame.
                return (JpegStructure.Malformed, 0, 0);
            }

            if (marker is Temporary or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (position + 2 > data.Length)
            {
                return (JpegStructure.Truncated, 0, 0);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2)
            {
                return (JpegStructure.Malformed, 0, 0);
            }

            if (IsFrame(marker))
            {
                // Length, precision (1), height (2), width (2), components (1)…
                if (length < 8)
                {
                    return (JpegStructure.Malformed, 0, 0);
                }

                if (position + 7 > data.Length)
                {
                    return (JpegStructure.Truncated, 0, 0);
                }

                return (JpegStructure.Frame, BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(position + 3)..]));
            }

            position += length;
        }
    }

    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static bool IsFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
}
