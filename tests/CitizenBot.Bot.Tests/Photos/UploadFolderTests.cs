using System.Buffers.Binary;
using CitizenBot.Bot.Tests.TestData;
using CitizenBot.Bot.Ticketing.Photos;
using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Bot.Tests.Photos;

/// <summary>
/// The Web Chat upload folder with the bot's real cleaner: what an upload costs before it is refused, what it leaves on
/// disk, and the folder's budget when instances share it.
/// </summary>
public sealed class UploadFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("citizenbot-uploads-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    [Trait("Category", "Security")]
    public async Task GarbageBehindAJpegMagicNumber_IsRefusedFromItsFirstBytesWithoutReadingTheRest()
    {
        var folder = Folder(new UploadSanitizer(Options.Create(new PhotoOptions())));
        // What the abuse run sends: FF D8 FF E0, then 9 MB that are no JPEG segments.
        using var garbage = new CountingStream([0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Repeat((byte)0x41, 9 * 1024 * 1024)]);

        var (upload, rejection) = await folder.SaveAsync("conversation-1", garbage, CancellationToken.None);

        Assert.Null(upload);
        Assert.Equal(UploadRejection.NotAnImage, rejection);
        Assert.True(garbage.BytesRead <= DirectLineUploadFolder.HeaderPrefixBytes, $"read {garbage.BytesRead} bytes");
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task PngBombPaddedToMegabytes_IsRefusedFromItsHeaderWithoutReadingTheRest()
    {
        var folder = Folder(new UploadSanitizer(Options.Create(new PhotoOptions())));
        using var bomb = new CountingStream([.. TestImages.PngBomb(8192, 8192), .. new byte[5 * 1024 * 1024]]);

        var (_, rejection) = await folder.SaveAsync("conversation-1", bomb, CancellationToken.None);

        Assert.Equal(UploadRejection.TooManyPixels, rejection);
        Assert.True(bomb.BytesRead <= DirectLineUploadFolder.HeaderPrefixBytes, $"read {bomb.BytesRead} bytes");
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PhotoWhoseHeaderRunsPastTheFirstBytes_IsStillAccepted()
    {
        // Two 60 KB APP2 segments (as a large colour profile is stored) put the frame header past the judged prefix.
        var photo = TestImages.Jpeg(640, 480);
        var segment = new byte[60 * 1024];
        segment[0] = 0xFF;
        segment[1] = 0xE2;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        byte[] padded = [.. photo[..2], .. segment, .. segment, .. photo[2..]];
        var folder = Folder(new UploadSanitizer(Options.Create(new PhotoOptions())));

        var (upload, rejection) = await folder.SaveAsync("conversation-1", new MemoryStream(padded), CancellationToken.None);

        Assert.Equal(UploadRejection.None, rejection);
        Assert.NotNull(upload);
        Assert.Single(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ManyLargeUploads_ReuseTheirBuffersInsteadOfAllocatingEachFile()
    {
        // The reader, not the cleaner, is measured: this one refuses after seeing the bytes. Everything here completes
        // synchronously, so the thread's allocation count is the upload path's.
        var folder = Folder(new RefusingSanitizer());
        byte[] file = [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[4 * 1024 * 1024]];
        await folder.SaveAsync("warm-up", new MemoryStream(file), CancellationToken.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            var task = folder.SaveAsync("conversation-" + i, new MemoryStream(file), CancellationToken.None);
            Assert.True(task.IsCompleted);
            Assert.Equal(UploadRejection.NotAnImage, (await task).Rejection);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < file.Length, $"ten 4 MB uploads allocated {allocated:N0} bytes");
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task TwoInstancesSharingTheFolder_CountEachOthersFilesAgainstTheBudget()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var instanceA = Folder(new KeepAsSent(), o => o.UploadStorageBudgetBytes = 100_000, time);
        var instanceB = Folder(new KeepAsSent(), o => o.UploadStorageBudgetBytes = 100_000, time);
        byte[] small = [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[10_000]];
        byte[] large = [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[60_000]];

        Assert.Equal(UploadRejection.None, (await instanceB.SaveAsync("conversation-b", new MemoryStream(small), CancellationToken.None)).Rejection);
        Assert.Equal(UploadRejection.None, (await instanceA.SaveAsync("conversation-a", new MemoryStream(large), CancellationToken.None)).Rejection);
        time.Advance(DirectLineUploadFolder.RecountInterval);
        var (upload, rejection) = await instanceB.SaveAsync("conversation-b", new MemoryStream(large), CancellationToken.None);

        Assert.Null(upload);
        Assert.Equal(UploadRejection.StorageFull, rejection);
        Assert.Equal(2, Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Count());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0x41 }, "Malformed")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x04, 0x00, 0x00 }, "Malformed")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, "Malformed")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01 }, "Malformed")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x40, 0x00, 0x00 }, "Truncated")]
    [InlineData(new byte[] { 0xFF, 0xD8 }, "Truncated")]
    public void JpegMarkers_JudgeTheSegmentsBeforeTheFrame(byte[] data, string expected) =>
        Assert.Equal(Enum.Parse<JpegStructure>(expected), JpegMarkers.Read(data).Structure);

    [Fact]
    public void JpegMarkers_ReadTheFrameSizeOfARealPhoto()
    {
        var (structure, width, height) = JpegMarkers.Read(TestImages.Jpeg(640, 480));

        Assert.Equal((JpegStructure.Frame, 640, 480), (structure, width, height));
    }

    private DirectLineUploadFolder Folder(IDirectLineImageSanitizer sanitizer, Action<DirectLineOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new DirectLineOptions { UploadDirectory = _root };
        configure?.Invoke(options);
        time ??= TimeProvider.System;
        return new DirectLineUploadFolder(Options.Create(options), sanitizer, new InMemoryDirectLineRateLimiter(time), time);
    }

    private sealed class KeepAsSent : IDirectLineImageSanitizer
    {
        public ImageHeader CheckHeader(ReadOnlySpan<byte> prefix, bool complete) => ImageHeader.Plausible;

        public Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            Task.FromResult<(SanitizedImage?, ImageRefusal)>((new SanitizedImage(content.ToArray(), ImageSignature.Jpeg, null), ImageRefusal.None));
    }

    private sealed class RefusingSanitizer : IDirectLineImageSanitizer
    {
        public ImageHeader CheckHeader(ReadOnlySpan<byte> prefix, bool complete) => ImageHeader.Plausible;

        public Task<(SanitizedImage? Image, ImageRefusal Refusal)> SanitizeAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            Task.FromResult<(SanitizedImage?, ImageRefusal)>((null, ImageRefusal.NotAnImage));
    }

    /// <summary>A body that counts what the server read of it (MemoryStream's asynchronous reads call these).</summary>
    private sealed class CountingStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Counted(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(base.Read(buffer));

        private int Counted(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
