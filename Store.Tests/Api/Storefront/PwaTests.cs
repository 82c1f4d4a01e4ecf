using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Store.Tests.Support;

namespace Store.Tests.Api.Storefront;

/// <summary>The files that make the storefront installable, as a browser fetches them.</summary>
public class PwaTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task Manifest_WhenFetched_IsAManifestNamedAfterTheStoreWithIconsThatExist()
    {
        using var renamed = app.WithWebHostBuilder(b => b.UseSetting("Store:Name", "Harbour & Fell Supply"));
        var client = renamed.CreateClient();

        var response = await client.GetAsync("/manifest.webmanifest");
        var manifest = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Harbour & Fell Supply", manifest.GetProperty("name").GetString());
        Assert.Equal("Harbour", manifest.GetProperty("short_name").GetString());
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        Assert.Equal("#1f3b2d", manifest.GetProperty("theme_color").GetString());
        Assert.Equal("#fbfaf7", manifest.GetProperty("background_color").GetString());
        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        foreach (var (size, purpose) in new[] { (192, "any"), (512, "any"), (192, "maskable"), (512, "maskable") })
        {
            var icon = Assert.Single(icons, i => i.GetProperty("sizes").GetString() == $"{size}x{size}" && i.GetProperty("purpose").GetString() == purpose);
            var png = await client.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            Assert.Equal((size, size), PngSize(await png.Content.ReadAsByteArrayAsync()));
        }
    }

    [Fact]
    public async Task Storefront_WhenRendered_LinksTheManifestAndRegistersTheWorkerFromAFile()
    {
        var client = app.CreateClient();
        var home = await client.GetStringAsync("/");
        var worker = await client.GetAsync("/sw.js");
        var script = System.Text.RegularExpressions.Regex.Match(home, "<script src=\"(/?js/pwa[^\"]*\\.js)\"").Groups[1].Value;
        var register = await client.GetStringAsync("/" + script.TrimStart('/'));

        Assert.Contains("<link rel=\"manifest\" href=\"manifest.webmanifest\"", home);
        Assert.Contains("<meta name=\"theme-color\"", home);
        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.Equal("text/javascript", worker.Content.Headers.ContentType?.MediaType);
        Assert.Contains("serviceWorker.register('/sw.js'", register);
        Assert.DoesNotContain("<script>", home);
    }

    [Fact]
    public async Task Offline_WhenFetched_IsAStaticPageWithItsStylesheet()
    {
        var client = app.CreateClient();
        var response = await client.GetAsync("/offline");
        var page = await response.Content.ReadAsStringAsync();
        var css = await client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("You are offline", page);
        Assert.Contains("href=\"/css/site.css\"", page);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    /// <summary>Width and height from a PNG's IHDR chunk, which follows the 8-byte signature and the chunk's length and type.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
