using Microsoft.IO;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// The pooled memory uploads are read into. A 10 MB file read into a growing <see cref="MemoryStream"/> left a new
/// array of up to 16 MB on the large-object heap for every upload (and more for each doubling on the way); a flood
/// of uploads churned that heap and paused every request for its collections. Here the blocks and the one contiguous
/// buffer a decode needs come back to the pool; what the pool keeps idle is bounded.
/// </summary>
internal static class UploadBuffers
{
    public static readonly RecyclableMemoryStreamManager Manager = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 128 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 16 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 16L * 1024 * 1024,
        MaximumLargePoolFreeBytes = 64L * 1024 * 1024,
    });
}
