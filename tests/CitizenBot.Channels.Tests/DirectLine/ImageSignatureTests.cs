using CitizenBot.Channels.DirectLine;

namespace CitizenBot.Channels.Tests.DirectLine;

public sealed class ImageSignatureTests
{
    [Theory]
    [InlineData("FFD8FFE000104A464946000101", "image/jpeg")]
    [InlineData("89504E470D0A1A0A0000000D49484452", "image/png")]
    [InlineData("474946383961010001000000", "image/gif")]
    [InlineData("524946462400000057454250565038", "image/webp")]
    [InlineData("0000001866747970686569630000", "image/heic")]
    [InlineData("000000206674797068656978000000", "image/heic")]
    [InlineData("0000001C667479706D69663100000000", "image/heic")]
    public void Detect_ImageHeader_ReturnsItsType(string hex, string mediaType)
    {
        Assert.Equal(mediaType, ImageSignature.Detect(Convert.FromHexString(hex))?.MediaType);
    }

    [Theory]
    [InlineData("255044462D312E370A")] // %PDF-1.7
    [InlineData("504B0304140000000800")] // zip / docx
    [InlineData("0000001866747970697363")] // ftyp isom: an MP4 video, not a HEIF image
    [InlineData("3C7376672078")] // <svg: scriptable, refused
    [InlineData("FFD8")] // truncated
    [InlineData("")]
    public void Detect_NotAnAcceptedImage_ReturnsNull(string hex)
    {
        Assert.Null(ImageSignature.Detect(Convert.FromHexString(hex)));
    }
}
