using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Store.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Journeys;

/// <summary>
/// Staff build a product in the admin as they would by hand: a new category under an existing one, a draft product in
/// it whose Size option makes variants in the grid, priced and stocked there. Shoppers cannot see the draft; once it is
/// published they find it on both category pages and in search. A CSV whose one line has a negative price is refused
/// line by line with nothing changed; the corrected file applies and the storefront shows the new price.
/// </summary>
public sealed partial class CatalogManagerTests(StoreAppFixture store, BrowserFixture browser)
    : IClassFixture<StoreAppFixture>, IClassFixture<BrowserFixture>
{
    private const string Product = "Aardvark Ridge Hammock";
    private const string Slug = "aardvark-ridge-hammock";

    [Fact]
    public async Task CatalogManager_DraftWithVariantsThenPublishThenCsvImport_ShowsOnTheStorefrontOnlyWhenPublishedAndRefusesABadFile()
    {
        var app = store.App;
        var db = new StoreDatabaseProbe(app.Database.DataSource);
        IPage? staffPage = null;
        IPage? shopperPage = null;
        try
        {
            staffPage = await browser.NewVisitorAsync(app.BaseUrl);
            var admin = new AdminPages(staffPage);
            await admin.SignInAsync(StoreAppHost.AdminEmail, StoreAppHost.AdminPassword);

            // A category under Camping.
            var tree = staffPage.GetByTestId("category-tree");
            await admin.OpenInteractiveAsync("/admin/categories", tree.GetByText("Camping", new() { Exact = true }));
            await AdminPages.FillAsync(admin.Field("category-name"), "Hammocks");
            await admin.ChooseAsync("category-parent", "Camping");
            await staffPage.GetByTestId("category-save").ClickAsync();
            await Expect(admin.Snackbar("Category saved")).ToBeVisibleAsync();
            await Expect(tree.Locator("tr", new() { HasText = "Hammocks" })).ToContainTextAsync("└ Hammocks");

            // A draft product in it, made from the product list (listed products mean its categories have loaded too).
            await admin.OpenInteractiveAsync("/admin/products", staffPage.Locator(".mud-table-body a[href^='/admin/products/']").First);
            await AdminPages.FillAsync(admin.Field("new-product-name"), Product);
            await admin.ChooseAsync("new-product-category", "Camping › Hammocks");
            await AdminPages.FillAsync(admin.Field("new-product-sku"), "ARH");
            await AdminPages.FillAsync(admin.Field("new-product-price"), "10.00");
            await staffPage.GetByTestId("new-product-create").ClickAsync();
            await Expect(staffPage).ToHaveURLAsync(ProductEditUrl());
            await Expect(staffPage.GetByRole(AriaRole.Heading, new() { Name = Product })).ToBeVisibleAsync();

            // Size S, M, L: the grid makes the variants; staff set each one's SKU, price and stock and save them together.
            var grid = staffPage.GetByTestId("variant-grid");
            var rows = grid.GetByTestId("variant-rows").Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await grid.GetByTestId("add-option").ClickAsync();
            await AdminPages.FillAsync(grid.Locator("input[data-testid=option-name]"), "Size");
            await AdminPages.FillAsync(grid.Locator("input[data-testid=option-values]"), "S, M, L");
            await grid.GetByTestId("generate-variants").ClickAsync();
            await Expect(rows).ToHaveCountAsync(3);
            (string Title, string Sku, string Price, string Stock)[] sizes = [("S", "ARH-S", "49.00", "10"), ("M", "ARH-M", "49.00", "12"), ("L", "ARH-L", "54.00", "8")];
            for (var i = 0; i < sizes.Length; i++)
            {
                var row = rows.Nth(i);
                await Expect(row.Locator("td").First).ToContainTextAsync(sizes[i].Title);
                await AdminPages.FillAsync(row.Locator("input[data-testid=variant-sku]"), sizes[i].Sku);
                await AdminPages.FillAsync(row.Locator("input[data-testid=variant-price]"), sizes[i].Price);
                await AdminPages.FillAsync(row.Locator("input[data-testid=variant-stock]"), sizes[i].Stock);
            }

            await grid.GetByTestId("save-variants").ClickAsync();
            await Expect(admin.Snackbar("Options and variants saved")).ToBeVisibleAsync();
            await Expect(grid.Locator(".mud-chip")).ToHaveCountAsync(0);
            await admin.ExpectNoCircuitErrorAsync();
            Assert.Equal(
                [new VariantRow("ARH-S", "S", 4900, 10), new VariantRow("ARH-M", "M", 4900, 12), new VariantRow("ARH-L", "L", 5400, 8)],
                await db.VariantsOfAsync(Slug));

            // A shopper cannot see the draft: no page, not found by search.
            shopperPage = await browser.NewVisitorAsync(app.BaseUrl);
            var missing = await shopperPage.GotoAsync($"/p/{Slug}");
            Assert.Equal(404, missing?.Status);
            await ExpectSearchAsync(shopperPage, found: false);

            // Published, it shows on its category page and its parent's, with its price, and search finds it.
            await staffPage.GetByText("Draft (hidden from the storefront").ClickAsync();
            await Expect(staffPage.GetByText("Published", new() { Exact = true })).ToBeVisibleAsync();
            await staffPage.GetByTestId("product-save").ClickAsync();
            await Expect(admin.Snackbar("Saved")).ToBeVisibleAsync();
            await admin.ExpectNoCircuitErrorAsync();

            await ExpectOnCategoryAsync(shopperPage, "hammocks", "$49.00");
            await ExpectOnCategoryAsync(shopperPage, "camping", "$49.00");
            await ExpectSearchAsync(shopperPage, found: true);
            await shopperPage.OpenAsync($"/p/{Slug}");
            await Expect(shopperPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Product);
            await Expect(shopperPage.GetByTestId("product-price")).ToContainTextAsync("$49.00");

            // The export holds the product's three lines; a file changing one price and giving another a negative one
            // is refused with the bad line's number and reason, and changes nothing.
            var preview = staffPage.GetByTestId("import-preview");
            await admin.OpenInteractiveAsync("/admin/products/import", staffPage.GetByTestId("export-csv"));
            var download = await staffPage.RunAndWaitForDownloadAsync(() => staffPage.GetByTestId("export-csv").ClickAsync());
            var export = await File.ReadAllTextAsync(await download.PathAsync());
            var (header, lines) = LinesOf(export, Slug);
            Assert.Equal(["ARH-S", "ARH-M", "ARH-L"], lines.Select(l => l["sku"]));
            Assert.All(lines, l => Assert.Equal(("hammocks", "published"), (l["category"], l["status"])));

            await UploadAsync(staffPage, "prices.csv", Csv(header, lines, ("ARH-S", "44.00"), ("ARH-M", "-5.00")));
            await Expect(preview.GetByTestId("rejected-count")).ToHaveTextAsync("1 rejected");
            var rejected = preview.GetByTestId("rejected-lines").Locator("tbody tr");
            await Expect(rejected).ToHaveCountAsync(1);
            await Expect(rejected.Locator("td")).ToHaveTextAsync(["3", "ARH-M", "The price '-5.00' is not an amount like 19.99 between 0 and 1,000,000."]);
            await Expect(preview.GetByTestId("apply-import")).ToBeDisabledAsync();
            Assert.Equal([4900, 4900, 5400], (await db.VariantsOfAsync(Slug)).Select(v => v.PriceMinor));

            // The corrected file applies, all of it.
            await UploadAsync(staffPage, "prices-fixed.csv", Csv(header, lines, ("ARH-S", "44.00"), ("ARH-M", "47.00")));
            await Expect(preview.GetByTestId("rejected-count")).ToHaveTextAsync("0 rejected");
            await Expect(preview).ToContainTextAsync("2 to change");
            await preview.GetByTestId("apply-import").ClickAsync();
            await Expect(preview).ToContainTextAsync("Applied of prices-fixed.csv");
            await Expect(admin.Snackbar("Import applied.")).ToBeVisibleAsync();
            await admin.ExpectNoCircuitErrorAsync();
            Assert.Equal([4400, 4700, 5400], (await db.VariantsOfAsync(Slug)).Select(v => v.PriceMinor));

            await shopperPage.OpenAsync($"/p/{Slug}");
            await Expect(shopperPage.GetByTestId("product-price")).ToContainTextAsync("$44.00");
            await ExpectOnCategoryAsync(shopperPage, "camping", "$44.00");
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(CatalogManager_DraftWithVariantsThenPublishThenCsvImport_ShowsOnTheStorefrontOnlyWhenPublishedAndRefusesABadFile), app, [staffPage, shopperPage]);
        }
        finally
        {
            foreach (var page in new[] { staffPage, shopperPage })
            {
                if (page is not null)
                {
                    await page.Context.CloseAsync();
                }
            }
        }
    }

    private static async Task ExpectOnCategoryAsync(IPage page, string category, string price)
    {
        await page.OpenAsync($"/c/{category}");
        var card = page.GetByTestId("product-grid").GetByTestId("product-card").Filter(new() { HasText = Product });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync(price);
    }

    private static async Task ExpectSearchAsync(IPage page, bool found)
    {
        await page.OpenAsync("/search?q=aardvark");
        await Expect(page.GetByTestId("search-total")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("product-card").Filter(new() { HasText = Product })).ToHaveCountAsync(found ? 1 : 0);
    }

    /// <summary>
    /// Picks the file in the import page's MudFileUpload. Its input is wired to the circuit just after it renders: on
    /// a busy machine a file picked at once can go unnoticed, so it is picked again until the preview names it.
    /// </summary>
    private static async Task UploadAsync(IPage page, string name, string content)
    {
        // MudFileUpload keeps earlier inputs (hidden with d-none) and offers a fresh one for each pick.
        var input = page.Locator("input[type=file]:not(.d-none)");
        var named = page.GetByTestId("import-preview").GetByText($"Preview of {name}");
        for (var attempt = 1; ; attempt++)
        {
            await input.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(content) });
            try
            {
                await named.WaitForAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
    }

    /// <summary>The export's header and the lines of one product, as column → value (its lines hold no quoted fields).</summary>
    private static (string[] Header, List<Dictionary<string, string>> Lines) LinesOf(string csv, string slug)
    {
        var all = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var header = all[0].Split(',');
        var lines = all.Skip(1)
            .Where(l => l.StartsWith(slug + ",", StringComparison.Ordinal))
            .Select(l => l.Split(','))
            .Select(fields =>
            {
                Assert.Equal(header.Length, fields.Length);
                return header.Zip(fields).ToDictionary(p => p.First, p => p.Second);
            })
            .ToList();
        return (header, lines);
    }

    /// <summary>The header and the product's lines with some SKUs' prices replaced: the first line after the header is line 2.</summary>
    private static string Csv(string[] header, List<Dictionary<string, string>> lines, params (string Sku, string Price)[] prices)
    {
        var text = new StringBuilder().AppendJoin(',', header).Append('\n');
        foreach (var line in lines)
        {
            var changed = prices.FirstOrDefault(p => p.Sku == line["sku"]).Price ?? line["price"];
            text.AppendJoin(',', header.Select(c => c == "price" ? changed : line[c])).Append('\n');
        }

        return text.ToString();
    }

    [GeneratedRegex(@"/admin/products/\d+$")]
    private static partial Regex ProductEditUrl();
}
