using System.Text;
using Store.Domain.Catalog;

namespace Store.Tests.Domain.Catalog;

public class ImageFormatsTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, ImageFormat.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, ImageFormat.Png)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50 }, ImageFormat.Webp)]
    public void Detect_WhenTheSignatureIsKnown_NamesTheFormat(byte[] head, ImageFormat expected) =>
        Assert.Equal(expected, ImageFormats.Detect(head));

    [Theory]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000")]
    [InlineData("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("%PDF-1.7")]
    [InlineData("")]
    public void Detect_WhenTheBytesAreAnythingElse_ReturnsNull(string head) =>
        Assert.Null(ImageFormats.Detect(Encoding.Latin1.GetBytes(head)));

    [Fact]
    public void Detect_WhenAPngSignatureIsCutShort_ReturnsNull() =>
        Assert.Null(ImageFormats.Detect([0x89, 0x50, 0x4E, 0x47]));

    [Theory]
    [InlineData(ImageFormat.Jpeg, "jpg", "image/jpeg")]
    [InlineData(ImageFormat.Png, "png", "image/png")]
    [InlineData(ImageFormat.Webp, "webp", "image/webp")]
    public void ExtensionAndContentType_RoundTrip(ImageFormat format, string extension, string contentType)
    {
        Assert.Equal((extension, contentType), (ImageFormats.Extension(format), ImageFormats.ContentType(format)));
        Assert.Equal(format, ImageFormats.FromExtension(extension));
    }
}
