using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;
using Store.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Journeys;

/// <summary>
/// Staff add a product photo in the admin through a real browser (MudBlazor's file picker, the file streamed over the
/// circuit): a renamed text file is refused with the reason, a real PNG is accepted, and the storefront then shows it.
/// </summary>
public sealed class ProductImageTests(StoreAppFixture store, BrowserFixture browser)
    : IClassFixture<StoreAppFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AdminUpload_RefusesARenamedTextFileThenShowsARealPictureOnTheProductPage()
    {
        var app = store.App;
        var (productId, slug, drawn) = await ProductAsync(app);
        var page = await browser.NewVisitorAsync(app.BaseUrl);
        try
        {
            var admin = new AdminPages(page);
            await admin.SignInAsync(StoreAppHost.AdminEmail, StoreAppHost.AdminPassword);
            await page.OpenAsync($"/admin/products/{productId}");
            var editor = page.GetByTestId("product-images");
            // Whatever pictures the product has (drawn demo pictures when the store seeds them), the upload goes last.
            await Expect(editor.GetByTestId("product-image")).ToHaveCountAsync(drawn);
            // MudFileUpload keeps earlier inputs (hidden with d-none) and offers a fresh one for each pick.
            var input = editor.Locator("input[type=file]:not(.d-none)");

            // The file input is wired to the circuit just after it renders: on a busy machine a file picked at once can
            // go unnoticed, so pick it again until the editor answers (at most a few times).
            var error = page.GetByTestId("product-image-error");
            for (var attempt = 1; ; attempt++)
            {
                await input.SetInputFilesAsync(new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = Encoding.UTF8.GetBytes("not a picture at all\n") });
                try
                {
                    await error.WaitForAsync(new() { Timeout = 5_000 });
                    break;
                }
                catch (TimeoutException) when (attempt < 4)
                {
                }
            }

            await Expect(error).ToContainTextAsync("Only JPEG, PNG or WebP images");
            await Expect(editor.GetByTestId("product-image")).ToHaveCountAsync(drawn);

            await input.SetInputFilesAsync(new FilePayload { Name = "shirt.png", MimeType = "image/png", Buffer = Png(900, 600) });
            await Expect(editor.GetByTestId("product-image")).ToHaveCountAsync(drawn + 1);
            await Expect(editor.GetByTestId("product-image").Last).ToContainTextAsync("900 × 600");
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();

            await page.OpenAsync($"/p/{slug}");
            var main = page.Locator(".gallery picture img").First;
            await Expect(main).ToHaveAttributeAsync("fetchpriority", "high");
            await Expect(main).ToHaveJSPropertyAsync("complete", true);
            Assert.Contains("/media/", await main.EvaluateAsync<string>("img => img.currentSrc"), StringComparison.Ordinal);
            Assert.True(await main.EvaluateAsync<int>("img => img.naturalWidth") >= 320, "the browser decoded the served copy");
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(AdminUpload_RefusesARenamedTextFileThenShowsARealPictureOnTheProductPage), app, [page]);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task<(int Id, string Slug, int Pictures)> ProductAsync(StoreAppHost app)
    {
        await using var command = app.Database.DataSource.CreateCommand(
            "SELECT p.id, p.slug, (SELECT count(*)::int FROM product_images i WHERE i.product_id = p.id) FROM products p WHERE p.is_published ORDER BY p.id DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2));
    }

    /// <summary>A real PNG (truecolour, one diagonal gradient), written by hand: the E2E project has no imaging library.</summary>
    internal static byte[] Png(int width, int height)
    {
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + (x * 3)] = (byte)(x * 255 / width);
                raw[row + 2 + (x * 3)] = (byte)(y * 255 / height);
                raw[row + 3 + (x * 3)] = 160;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        stream.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
