using Store.Tests.Support;

namespace Store.Tests.Api.Web;

public class FaviconTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task Favicon_IsARealIconFile()
    {
        var response = await app.CreateClient().GetAsync("/favicon.ico");

        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.True(bytes[4] >= 1, "at least one image in the icon");
    }
}
