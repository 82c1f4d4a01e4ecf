using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Store.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Journeys;

/// <summary>
/// A new shopper buys without an account, through the real app process, a real browser and a real PostgreSQL:
/// category → product → cart → checkout → a declined card → an approved card → confirmation; then the stored
/// order, payments and stock are checked in the database and staff, watching the dashboard, are told of the new order without reloading and find it in the admin.
/// </summary>
public sealed class GuestCheckoutTests(StoreAppFixture store, BrowserFixture browser)
    : IClassFixture<StoreAppFixture>, IClassFixture<BrowserFixture>
{
    private const int Quantity = 2;

    [Fact]
    public async Task GuestPurchase_WhenPayingWithTestCard_OrderIsConfirmedAndVisibleToAdmin()
    {
        var app = store.App;
        var db = new StoreDatabaseProbe(app.Database.DataSource);
        var email = $"shopper-{Guid.NewGuid():N}@example.com";
        IPage? shopperPage = null;
        IPage? adminPage = null;
        try
        {
            // Staff keep the dashboard open while the shopper buys: the new order is announced on it, live.
            adminPage = await browser.NewVisitorAsync(app.BaseUrl);
            var admin = new AdminPages(adminPage);
            await admin.SignInAsync(StoreAppHost.AdminEmail, StoreAppHost.AdminPassword);
            await admin.OpenInteractiveAsync("/admin", adminPage.GetByTestId("dashboard-tiles"));
            await Expect(adminPage.GetByTestId("dashboard-chart").Locator("svg").First).ToBeVisibleAsync();
            var newOrderAlert = Expect(adminPage.Locator(".mud-snackbar-content-message", new() { HasTextRegex = new Regex($@"^\s*New order #\d+: .+ from {Regex.Escape(email)}\s*$") }))
                .ToBeVisibleAsync(new() { Timeout = 90_000 });

            // Shop as a new visitor.
            shopperPage = await browser.NewVisitorAsync(app.BaseUrl);
            var shop = new StorefrontPages(shopperPage);
            await shop.OpenHomeAsync();
            await Expect(shop.CartCount).ToHaveTextAsync("0");
            await shop.OpenCategoryAsync("Hoodies");
            var productName = await shop.OpenProductWithStockAsync();
            await shop.AddToCartAsync(Quantity);

            await Expect(shop.CartCount).ToHaveTextAsync(Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(shop.CartLines).ToHaveCountAsync(1);
            await Expect(shop.CartLines.First).ToContainTextAsync(productName);
            await Expect(shop.CartLines.First.Locator("input[type=number]")).ToHaveValueAsync("2");
            var sku = await shop.CartLines.First.GetAttributeAsync("data-sku");
            Assert.False(string.IsNullOrWhiteSpace(sku), "The cart line carries no SKU.");
            var cartTotal = StorefrontPages.MinorUnits(await shop.CartTotal.InnerTextAsync());

            // Stock before the order holds anything.
            var before = await db.StockAsync(sku!);
            Assert.True(before.OnHand - before.Reserved >= Quantity, $"{sku} shows in stock on its page but has {before} in the database.");

            // Checkout.
            await shop.GoToCheckoutAsync();
            await shop.FillAddressAsync(new ShippingAddress(email, "Ada Shopper", "1 Test Street", "Apt 2", "Portland", "OR", "97201", "US"));
            var firstPayment = await shop.ContinueToPaymentAsync();
            var held = await db.StockAsync(sku!);
            Assert.Equal(before with { Reserved = before.Reserved + Quantity }, held);

            // The first card is declined: the shopper is offered a new attempt for the same order.
            await shop.PayAsync(TestCard.Declined);
            var secondPayment = await shop.ExpectDeclinedAsync();
            Assert.NotEqual(firstPayment, secondPayment);
            Assert.Equal(held, await db.StockAsync(sku!));

            // The second card is approved.
            await shop.PayAsync(TestCard.Approved);
            var (orderId, orderNumber) = await shop.ExpectConfirmationAsync();
            await Expect(shopperPage.GetByTestId("order-total")).ToBeVisibleAsync();
            var shownTotal = StorefrontPages.MinorUnits(await shopperPage.GetByTestId("order-total").InnerTextAsync());
            Assert.Equal(cartTotal, shownTotal);

            // What was stored.
            var order = Assert.Single(await db.OrdersForAsync(email));
            Assert.Equal(orderId, order.Id);
            Assert.Equal(orderNumber, order.Number);
            Assert.Equal("Paid", order.Status);
            Assert.Equal(shownTotal, order.TotalMinor);

            var item = Assert.Single(await db.OrderItemsAsync(order.Id));
            Assert.Equal(sku, item.Sku);
            Assert.Equal(Quantity, item.Quantity);
            Assert.True(item.UnitPriceMinor > 0, "The order line has no price.");

            var payments = await db.PaymentStatusesAsync(order.Id);
            Assert.Equal(1, payments.Count(s => s == "Succeeded"));
            Assert.Equal(1, payments.Count(s => s == "Declined"));
            Assert.Equal(2, payments.Count);

            var after = await db.StockAsync(sku!);
            Assert.Equal(before with { OnHand = before.OnHand - Quantity }, after);

            // Staff were told without reloading, then find the order.
            await newOrderAlert;
            await admin.OpenOrdersAsync();
            await Expect(admin.OrderLink(orderNumber)).ToBeVisibleAsync();
            await admin.OpenOrderAsync(orderNumber, orderId);
            var tracking = await admin.FulfilAndShipAsync();
            Assert.Equal("Shipped", (await db.OrdersForAsync(email)).Single().Status);

            // Anyone with the tracking number follows the parcel, without signing in.
            await shopperPage.OpenAsync($"/track/{tracking}");
            await Expect(shopperPage.GetByTestId("tracking-status")).ToHaveTextAsync("Shipped");
            await Expect(shopperPage.GetByTestId("tracking")).Not.ToContainTextAsync("1 Test Street");

            // Every staff page opens and works over its interactive circuit.
            await admin.OpenAndCheckAsync("/admin", "Dashboard");
            await admin.OpenAndCheckAsync("/admin/products", "Products");
            await admin.OpenAndCheckAsync("/admin/inventory", "Inventory");
            await adminPage.GetByRole(AriaRole.Tab, new() { Name = "Purchase orders" }).ClickAsync();
            await Expect(adminPage.GetByTestId("purchase-orders")).ToBeVisibleAsync();
            await admin.OpenAndCheckAsync("/admin/audit", "Audit log");
            await Expect(adminPage.GetByTestId("audit")).ToContainTextAsync("order.shipped");
            await admin.OpenAndCheckAsync("/admin/integrity", "Integrity");
            await Expect(adminPage.GetByTestId("integrity-ok")).ToBeVisibleAsync();
            await admin.OpenAndCheckAsync("/admin/reports", "Sales");
            await admin.OpenAndCheckAsync("/admin/outbox", "Outbox");
            await admin.OpenAndCheckAsync("/admin/tax", "Tax zones and rates");
            await Expect(adminPage.GetByTestId("tax-zones")).ToContainTextAsync("California sales tax");
            await admin.OpenAndCheckAsync("/admin/tax-classes", "Tax classes and weights");
            await admin.OpenAndCheckAsync("/admin/shipping", "Shipping zones and methods");
            await Expect(adminPage.GetByTestId("shipping-methods")).ToContainTextAsync("Ground Advantage");
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(GuestPurchase_WhenPayingWithTestCard_OrderIsConfirmedAndVisibleToAdmin), app, [shopperPage, adminPage]);
        }
        finally
        {
            foreach (var page in new[] { shopperPage, adminPage })
            {
                if (page is not null)
                {
                    await page.Context.CloseAsync();
                }
            }
        }
    }
}
