using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Store.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Journeys;

/// <summary>
/// A real shop from day one: the store starts on an empty database with no demo data. The owner sets it up in the
/// browser, adds a second location, a supplier, a category and a product with a picture and two variants, and
/// receives stock by purchase order. Shoppers buy and pay; the sales push the variant below its reorder point, and
/// the reorder list and the automatically drafted purchase order show it. Nothing is done in the database or in a
/// configuration file.
/// </summary>
public sealed partial class NewStoreTests(NewStoreAppFixture store, BrowserFixture browser)
    : IClassFixture<NewStoreAppFixture>, IClassFixture<BrowserFixture>
{
    private const string OwnerEmail = "owner@harbor-goods.example";
    private const string OwnerPassword = "Harbor-Owner-Pass1";
    private const string Product = "Harbor Mug";
    private const string Slug = "harbor-mug";

    [Fact]
    public async Task NewStore_SetUpStockSellAndReorder_WorksFromAnEmptyDatabase()
    {
        var app = store.App;
        var db = new StoreDatabaseProbe(app.Database.DataSource);
        IPage? ownerPage = null;
        IPage? shopperPage = null;
        try
        {
            // Any first visit leads to the setup.
            ownerPage = await browser.NewVisitorAsync(app.BaseUrl);
            await ownerPage.OpenAsync("/");
            await Expect(ownerPage).ToHaveURLAsync(SetupUrl());
            await ownerPage.Locator("#owner-email").FillAsync(OwnerEmail);
            await ownerPage.Locator("#owner-password").FillAsync(OwnerPassword);
            await ownerPage.Locator("#store-name").FillAsync("Harbor Goods");
            await ownerPage.Locator("#contact-email").FillAsync("hello@harbor-goods.example");
            await ownerPage.Locator("#currency").SelectOptionAsync("USD");
            await ownerPage.Locator("#line1").FillAsync("12 Wharf Road");
            await ownerPage.Locator("#city").FillAsync("Portland");
            await ownerPage.Locator("#region").FillAsync("ME");
            await ownerPage.Locator("#postal").FillAsync("04101");
            await ownerPage.Locator("#country").FillAsync("US");
            await ownerPage.Locator("#location-name").FillAsync("Wharf warehouse");
            await ownerPage.Locator("#location-code").FillAsync("WHARF");
            await ownerPage.SubmitAsync(ownerPage.GetByTestId("setup-submit"));
            await Expect(ownerPage).ToHaveURLAsync(AdminUrl());
            var admin = new AdminPages(ownerPage);
            await admin.ExpectNoCircuitErrorAsync();

            // Set up, the storefront is open and the setup form is not offered again.
            await ownerPage.OpenAsync("/setup");
            await Expect(ownerPage).Not.ToHaveURLAsync(SetupUrl());

            // A second location and a supplier, in the inventory panel.
            await OpenInventoryTabAsync(admin, "Locations", ownerPage.GetByTestId("locations"));
            await Expect(ownerPage.GetByTestId("locations")).ToContainTextAsync("Wharf warehouse");
            await AdminPages.FillAsync(admin.Field("location-code"), "TOWN");
            await AdminPages.FillAsync(admin.Field("location-name"), "Town shop");
            await AdminPages.FillAsync(admin.Field("location-priority"), "5");
            await ownerPage.GetByTestId("location-save").ClickAsync();
            await Expect(admin.Snackbar("Location Town shop saved")).ToBeVisibleAsync();
            await Expect(ownerPage.GetByTestId("locations").Locator("tr", new() { HasText = "Town shop" })).ToContainTextAsync("TOWN");

            await OpenInventoryTabAsync(admin, "Suppliers", ownerPage.GetByTestId("suppliers"));
            await AdminPages.FillAsync(admin.Field("supplier-name"), "Prairie Goods");
            await AdminPages.FillAsync(admin.Field("supplier-email"), "orders@prairie.example");
            await AdminPages.FillAsync(admin.Field("supplier-contact"), "Sam Reyes");
            await AdminPages.FillAsync(admin.Field("supplier-lead-time"), "10");
            await AdminPages.FillAsync(admin.Field("supplier-terms"), "Net 30");
            await ownerPage.GetByTestId("supplier-save").ClickAsync();
            await Expect(admin.Snackbar("Supplier Prairie Goods saved")).ToBeVisibleAsync();
            await Expect(ownerPage.GetByTestId("suppliers")).ToContainTextAsync("10 days");

            // A category, and a product in it with two variants and a picture, published.
            await admin.OpenInteractiveAsync("/admin/categories", admin.Field("category-name"));
            await AdminPages.FillAsync(admin.Field("category-name"), "Mugs");
            await ownerPage.GetByTestId("category-save").ClickAsync();
            await Expect(admin.Snackbar("Category saved")).ToBeVisibleAsync();

            await admin.OpenInteractiveAsync("/admin/products", admin.Field("new-product-name"));
            await AdminPages.FillAsync(admin.Field("new-product-name"), Product);
            await admin.ChooseAsync("new-product-category", "Mugs");
            await AdminPages.FillAsync(admin.Field("new-product-sku"), "HM");
            await AdminPages.FillAsync(admin.Field("new-product-price"), "18.00");
            await ownerPage.GetByTestId("new-product-create").ClickAsync();
            await Expect(ownerPage).ToHaveURLAsync(ProductEditUrl());

            var grid = ownerPage.GetByTestId("variant-grid");
            var rows = grid.GetByTestId("variant-rows").Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await grid.GetByTestId("add-option").ClickAsync();
            await AdminPages.FillAsync(grid.Locator("input[data-testid=option-name]"), "Colour");
            await AdminPages.FillAsync(grid.Locator("input[data-testid=option-values]"), "Blue, Green");
            await grid.GetByTestId("generate-variants").ClickAsync();
            await Expect(rows).ToHaveCountAsync(2);
            string[] skus = ["HM-BLUE", "HM-GREEN"];
            for (var i = 0; i < skus.Length; i++)
            {
                await AdminPages.FillAsync(rows.Nth(i).Locator("input[data-testid=variant-sku]"), skus[i]);
                await AdminPages.FillAsync(rows.Nth(i).Locator("input[data-testid=variant-price]"), "18.00");
            }

            await grid.GetByTestId("save-variants").ClickAsync();
            await Expect(admin.Snackbar("Options and variants saved")).ToBeVisibleAsync();
            Assert.Equal(["HM-BLUE", "HM-GREEN"], (await db.VariantsOfAsync(Slug)).Select(v => v.Sku).Order());

            await UploadPictureAsync(ownerPage);
            await ownerPage.GetByText("Draft (hidden from the storefront").ClickAsync();
            await ownerPage.GetByTestId("product-save").ClickAsync();
            await Expect(admin.Snackbar("Saved")).ToBeVisibleAsync();

            // Its sourcing: the supplier, their SKU, the cost and the pack size.
            await OpenInventoryTabAsync(admin, "Sourcing", ownerPage.GetByTestId("sourcing"));
            var sourcingRow = ownerPage.GetByTestId("sourcing").Locator("tr", new() { HasText = "HM-BLUE" });
            await sourcingRow.ClickAsync();
            await admin.ChooseAsync("sourcing-supplier", "Prairie Goods");
            await AdminPages.FillAsync(admin.Field("sourcing-supplier-sku"), "PG-77");
            await AdminPages.FillAsync(admin.Field("sourcing-cost"), "6.50");
            await AdminPages.FillAsync(admin.Field("sourcing-pack"), "6");
            await ownerPage.GetByTestId("sourcing-save").ClickAsync();
            await Expect(admin.Snackbar("Sourcing of HM-BLUE saved")).ToBeVisibleAsync();
            await Expect(sourcingRow).ToContainTextAsync("Prairie Goods");
            await Expect(sourcingRow).ToContainTextAsync("$6.50");

            // Stock arrives by purchase order: drafted, sent, received into the first location.
            var orders = ownerPage.GetByTestId("purchase-orders");
            await OpenInventoryTabAsync(admin, "Purchase orders", orders);
            await AdminPages.FillAsync(admin.Field("po-sku"), "HM-BLUE");
            await AdminPages.FillAsync(admin.Field("po-quantity"), "6");
            await ownerPage.GetByTestId("po-add").ClickAsync();
            await Expect(admin.Snackbar("6 × HM-BLUE added to the draft")).ToBeVisibleAsync();
            var draft = orders.Locator("tbody tr", new() { HasText = "Prairie Goods" });
            await draft.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await draft.GetByRole(AriaRole.Button, new() { Name = "Receive" }).ClickAsync();
            await Expect(draft).ToContainTextAsync("Received");
            Assert.Equal(new StockReading((await db.StockAsync("HM-BLUE")).VariantId, 6, 0), await db.StockAsync("HM-BLUE"));

            // Reorder below 2 available at the warehouse.
            var stock = ownerPage.GetByTestId("inventory");
            await admin.OpenInteractiveAsync("/admin/inventory", stock.Locator("tr", new() { HasText = "HM-BLUE" }).First);
            var level = stock.Locator("tr", new() { HasText = "HM-BLUE" }).Filter(new() { HasText = "Wharf warehouse" });
            await AdminPages.FillAsync(level.Locator("input").Nth(0), "2");
            await AdminPages.FillAsync(level.Locator("input").Nth(1), "6");
            await level.GetByRole(AriaRole.Button, new() { Name = "Save reorder rule" }).ClickAsync();
            await Expect(admin.Snackbar("Reorder rule for HM-BLUE saved")).ToBeVisibleAsync();

            // Shoppers buy five and pay.
            shopperPage = await browser.NewVisitorAsync(app.BaseUrl);
            var shop = new StorefrontPages(shopperPage);
            foreach (var (quantity, email) in new[] { (1, "first@example.com"), (4, "second@example.com") })
            {
                await shopperPage.OpenAsync($"/p/{Slug}");
                await Expect(shopperPage.Locator(".gallery picture img").First).ToBeVisibleAsync();
                var blue = shopperPage.GetByTestId("add-to-cart-form").Locator(".option", new() { HasText = "Blue" }).Locator("input[type=radio]");
                await blue.CheckAsync();
                await shop.AddToCartAsync(quantity);
                await shop.GoToCheckoutAsync();
                await shop.FillAddressAsync(new ShippingAddress(email, "Kim Shopper", "3 Elm Street", null, "Bangor", "ME", "04401", "US"));
                await shop.ContinueToPaymentAsync();
                await shop.PayAsync(TestCard.Approved);
                await shop.ExpectConfirmationAsync();
            }

            Assert.Equal(1, (await db.StockAsync("HM-BLUE")).OnHand);

            // The sales took it under its reorder point: a purchase order to its supplier is drafted on its own, in packs of six.
            await admin.OpenInteractiveAsync("/admin/inventory", stock.Locator("tr", new() { HasText = "HM-BLUE" }).First);
            await ownerPage.GetByRole(AriaRole.Tab, new() { Name = "Purchase orders", Exact = true }).ClickAsync();
            var drafted = orders.Locator("tbody tr", new() { HasText = "system:inventory-worker" });
            for (var attempt = 1; await drafted.CountAsync() == 0 && attempt <= 20; attempt++)
            {
                // The order worker drafts it from the outbox within seconds; the panel shows what was there when it opened.
                await Task.Delay(1_000);
                await ownerPage.GetByRole(AriaRole.Tab, new() { Name = "Stock", Exact = true }).ClickAsync();
                await ownerPage.GetByRole(AriaRole.Tab, new() { Name = "Purchase orders", Exact = true }).ClickAsync();
            }

            await Expect(drafted).ToContainTextAsync("Prairie Goods");
            await Expect(drafted).ToContainTextAsync("Draft");
            await Expect(drafted.Locator("td").Nth(4)).ToHaveTextAsync("6");

            // The reorder list shows the sales rate behind it and the order on its way.
            var reorder = ownerPage.GetByTestId("reorder");
            await ownerPage.GetByRole(AriaRole.Tab, new() { Name = "Reorder", Exact = true }).ClickAsync();
            var line = reorder.Locator("tr", new() { HasText = "HM-BLUE" }).Filter(new() { HasText = "Wharf warehouse" });
            await Expect(line.Locator("td")).ToHaveTextAsync(["HM-BLUE", Product, "Wharf warehouse", "Prairie Goods", "10 d", "5", "0.17", "1", "6", "2", "—"]);
            await admin.ExpectNoCircuitErrorAsync();
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(NewStore_SetUpStockSellAndReorder_WorksFromAnEmptyDatabase), app, [ownerPage, shopperPage]);
        }
        finally
        {
            foreach (var page in new[] { ownerPage, shopperPage })
            {
                if (page is not null)
                {
                    await page.Context.CloseAsync();
                }
            }
        }
    }

    private static async Task OpenInventoryTabAsync(AdminPages admin, string tab, ILocator ready)
    {
        if (!AdminInventoryUrl().IsMatch(admin.Page.Url))
        {
            await admin.OpenInteractiveAsync("/admin/inventory", admin.Page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true }));
        }

        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true }).ClickAsync();
        await Expect(ready).ToBeVisibleAsync();
        await admin.ExpectNoCircuitErrorAsync();
    }

    /// <summary>Picks a PNG in the product's image editor; the input is wired just after it renders, so it is picked again until the editor answers.</summary>
    private static async Task UploadPictureAsync(IPage page)
    {
        var editor = page.GetByTestId("product-images");
        var input = editor.Locator("input[type=file]:not(.d-none)");
        for (var attempt = 1; ; attempt++)
        {
            await input.SetInputFilesAsync(new FilePayload { Name = "mug.png", MimeType = "image/png", Buffer = ProductImageTests.Png(800, 800) });
            try
            {
                await editor.GetByTestId("product-image").First.WaitForAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
    }

    [GeneratedRegex(@"/setup$")]
    private static partial Regex SetupUrl();

    [GeneratedRegex(@"/admin$")]
    private static partial Regex AdminUrl();

    [GeneratedRegex(@"/admin/inventory$")]
    private static partial Regex AdminInventoryUrl();

    [GeneratedRegex(@"/admin/products/\d+$")]
    private static partial Regex ProductEditUrl();
}

/// <summary>A store whose every setup answer is in its environment starts set up: no setup form, the owner signs in.</summary>
public sealed class ConfiguredStoreTests(ConfiguredStoreAppFixture store, BrowserFixture browser)
    : IClassFixture<ConfiguredStoreAppFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ConfiguredStore_StartsSetUp_OwnerSignsInAndSeesTheSettingsLocked()
    {
        var app = store.App;
        var page = await browser.NewVisitorAsync(app.BaseUrl);
        try
        {
            await page.OpenAsync("/");
            Assert.DoesNotContain("/setup", page.Url, StringComparison.Ordinal);

            var admin = new AdminPages(page);
            await admin.SignInAsync(ConfiguredStoreAppFixture.OwnerEmail, ConfiguredStoreAppFixture.OwnerPassword);
            var name = page.Locator("[data-testid=setting][data-key=Name]");
            await admin.OpenInteractiveAsync("/admin/settings", name);
            await Expect(name.Locator("input")).ToHaveValueAsync("Fjell Supply");
            await Expect(name.Locator("input")).ToBeDisabledAsync();
            await Expect(name.GetByTestId("setting-source")).ToContainTextAsync("Locked: set by configuration (Store:Name)");

            await admin.OpenInteractiveAsync("/admin/inventory", page.GetByRole(AriaRole.Tab, new() { Name = "Locations", Exact = true }));
            await page.GetByRole(AriaRole.Tab, new() { Name = "Locations", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("locations")).ToContainTextAsync("Lager Leipzig");
            await Expect(page.GetByTestId("locations")).ToContainTextAsync("Marktplatz 1, Leipzig 04109, DE");
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(ConfiguredStore_StartsSetUp_OwnerSignsInAndSeesTheSettingsLocked), app, [page]);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
