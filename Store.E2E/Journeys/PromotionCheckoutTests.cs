using Microsoft.Playwright;
using Store.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Journeys;

/// <summary>
/// A shopper enters the demo code WELCOME10 at checkout and sees it as a named discount line, changes the address from
/// Oregon (no sales tax, USPS) to Germany (VAT, DHL) and sees the tax and shipping lines change with the discount
/// kept, then pays the total shown; the order keeps the discount and staff see the use in the promotions report.
/// </summary>
public sealed class PromotionCheckoutTests(StoreAppFixture store, BrowserFixture browser)
    : IClassFixture<StoreAppFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Checkout_WithWelcome10AndAChangedAddress_ShowsTheDiscountTaxAndShippingAndChargesThem()
    {
        var app = store.App;
        var db = new StoreDatabaseProbe(app.Database.DataSource);
        var email = $"coded-{Guid.NewGuid():N}@example.com";
        IPage? shopperPage = null;
        IPage? adminPage = null;
        try
        {
            shopperPage = await browser.NewVisitorAsync(app.BaseUrl);
            var shop = new StorefrontPages(shopperPage);
            await shop.OpenHomeAsync();
            await shop.OpenCategoryAsync("Accessories");
            await shop.OpenProductWithStockAsync();
            await shop.AddToCartAsync(1);
            await shop.GoToCheckoutAsync();
            var totals = shopperPage.GetByTestId("totals");

            // Oregon: no sales tax, USPS.
            await shop.FillAddressAsync(new ShippingAddress(email, "Ada Shopper", "1 Test Street", null, "Portland", "OR", "97201", "US"));
            await shopperPage.SubmitAsync(shopperPage.GetByTestId("update-quote"));
            await Expect(totals.GetByTestId("tax")).ToHaveTextAsync("None");
            await Expect(totals).ToContainTextAsync("USPS Ground Advantage");
            await Expect(totals.GetByTestId("discount-line")).ToHaveCountAsync(0);
            var withoutCode = StorefrontPages.MinorUnits(await shop.CartTotal.InnerTextAsync());

            // The code: a named discount line, a lower total, the address kept.
            await shopperPage.GetByTestId("code-input").FillAsync("welcome10");
            await shopperPage.SubmitAsync(shopperPage.GetByTestId("apply-code"));
            await Expect(shopperPage.GetByTestId("code-message")).ToHaveTextAsync("Code WELCOME10 applied.");
            await Expect(totals.GetByTestId("discount-line")).ToHaveTextAsync("WELCOME10: Welcome 10 % off");
            await Expect(shopperPage.Locator("#postal")).ToHaveValueAsync("97201");
            var discount = StorefrontPages.MinorUnits(await totals.GetByTestId("discount-amount").InnerTextAsync());
            Assert.True(discount > 0, "The discount line shows nothing off.");
            Assert.Equal(withoutCode - discount, StorefrontPages.MinorUnits(await shop.CartTotal.InnerTextAsync()));

            // Germany: VAT and DHL replace no tax and USPS; the discount stays.
            await shopperPage.Locator("#city").FillAsync("Berlin");
            await shopperPage.Locator("#region").FillAsync("");
            await shopperPage.Locator("#postal").FillAsync("10115");
            await shopperPage.Locator("#country").FillAsync("DE");
            await shopperPage.SubmitAsync(shopperPage.GetByTestId("update-quote"));
            await Expect(totals.GetByTestId("tax-line")).ToHaveTextAsync("VAT Germany 19 %");
            await Expect(totals).ToContainTextAsync("DHL Express International");
            await Expect(totals).Not.ToContainTextAsync("USPS");
            await Expect(totals.GetByTestId("discount-line")).ToHaveTextAsync("WELCOME10: Welcome 10 % off");
            var germanTotal = StorefrontPages.MinorUnits(await shop.CartTotal.InnerTextAsync());
            Assert.NotEqual(withoutCode - discount, germanTotal);

            // Pay what was shown.
            await shop.ContinueToPaymentAsync();
            await shop.PayAsync(TestCard.Approved);
            var (orderId, _) = await shop.ExpectConfirmationAsync();
            Assert.Equal(germanTotal, StorefrontPages.MinorUnits(await shopperPage.GetByTestId("order-total").InnerTextAsync()));
            await Expect(shopperPage.GetByTestId("order-discount")).ToHaveTextAsync("Discount WELCOME10: Welcome 10 % off");

            var order = Assert.Single(await db.OrdersForAsync(email));
            Assert.Equal((orderId, germanTotal), (order.Id, order.TotalMinor));
            var (uses, lineDiscount) = await db.PromotionsOfAsync(orderId);
            Assert.Equal(("WELCOME10", discount), Assert.Single(uses));
            Assert.Equal(discount, lineDiscount);

            // Staff see the use in the report.
            adminPage = await browser.NewVisitorAsync(app.BaseUrl);
            var admin = new AdminPages(adminPage);
            await admin.SignInAsync(StoreAppHost.AdminEmail, StoreAppHost.AdminPassword);
            await admin.OpenAndCheckAsync("/admin/promotions", "Promotions");
            await Expect(adminPage.GetByTestId("promotions").Locator("tr", new() { HasText = "WELCOME10" })).ToContainTextAsync("1 (1 per customer)");
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(Checkout_WithWelcome10AndAChangedAddress_ShowsTheDiscountTaxAndShippingAndChargesThem), app, [shopperPage, adminPage]);
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
