using Store.Domain.Catalog;

namespace Store.Tests.Domain.Catalog;

public class ImageSizingTests
{
    [Theory]
    [InlineData(4000, new[] { 320, 640, 1024, 1600 })]
    [InlineData(1600, new[] { 320, 640, 1024, 1600 })]
    [InlineData(1000, new[] { 320, 640, 1000 })]
    [InlineData(640, new[] { 320, 640 })]
    [InlineData(200, new[] { 200 })]
    public void WidthsFor_NeverMakesACopyWiderThanTheOriginal(int width, int[] expected) =>
        Assert.Equal(expected, ImageSizing.WidthsFor(width));

    [Theory]
    [InlineData(3000, 2000, 320, 213)]
    [InlineData(2000, 3000, 640, 960)]
    [InlineData(5000, 1, 320, 1)]
    public void HeightFor_KeepsTheAspectRatio(int width, int height, int target, int expected) =>
        Assert.Equal(expected, ImageSizing.HeightFor(width, height, target));

    [Theory]
    [InlineData(12_001, 10)]
    [InlineData(10, 12_001)]
    [InlineData(8000, 8000)]
    [InlineData(0, 100)]
    public void CheckDimensions_WhenASideOrThePixelCountIsTooLarge_Refuses(int width, int height) =>
        Assert.Equal("image.dimensions", ImageSizing.CheckDimensions(width, height, 12_000, 40_000_000)?.Code);

    [Fact]
    public void CheckDimensions_WhenWithinTheLimits_Accepts() =>
        Assert.Null(ImageSizing.CheckDimensions(8000, 5000, 12_000, 40_000_000));
}
