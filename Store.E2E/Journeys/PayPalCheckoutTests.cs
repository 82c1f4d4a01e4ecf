using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Store.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Journeys;

/// <summary>
/// A guest pays with PayPal, end to end in Chromium, against the PayPal stand-in the store is configured with:
/// cart → checkout → PayPal's approval page → Approve → back at the store, which authorises the PayPal order on the
/// buyer's return → staff see the money held on the order and capture it → the stand-in has the one capture.
/// </summary>
public sealed partial class PayPalCheckoutTests(PayPalStoreAppFixture store, BrowserFixture browser)
    : IClassFixture<PayPalStoreAppFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task GuestPurchase_WhenPayingWithPayPal_IsAuthorisedOnReturnAndCapturedByStaff()
    {
        var app = store.App;
        var db = new StoreDatabaseProbe(app.Database.DataSource);
        var email = $"paypal-buyer-{Guid.NewGuid():N}@example.com";
        IPage? shopperPage = null;
        IPage? adminPage = null;
        try
        {
            shopperPage = await browser.NewVisitorAsync(app.BaseUrl);
            var shop = new StorefrontPages(shopperPage);
            await shop.OpenHomeAsync();
            await shop.OpenCategoryAsync("Hoodies");
            await shop.OpenProductWithStockAsync();
            await shop.AddToCartAsync(1);
            await shop.GoToCheckoutAsync();
            await shop.FillAddressAsync(new ShippingAddress(email, "Pat Payer", "5 Harbour Way", null, "Portland", "OR", "97201", "US"));

            // Placing the order hands the shopper to PayPal's page (the stand-in's), where the buyer approves.
            await shopperPage.SubmitAsync(shopperPage.GetByTestId("place-order"));
            await Expect(shopperPage).ToHaveURLAsync(new Regex($"^{Regex.Escape(store.PayPal.BaseUrl)}/checkoutnow\\?token=[A-Z0-9]+$"));
            var paypalOrderId = new Uri(shopperPage.Url).Query.Split('=')[1];
            var order = Assert.Single(await db.OrdersForAsync(email));
            await Expect(shopperPage.GetByTestId("paypal-amount")).ToContainTextAsync((order.TotalMinor / 100m).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " USD");
            await shopperPage.SubmitAsync(shopperPage.GetByTestId("paypal-approve"));

            // Back at the store: PayPal holds the money (authorised on the return), nothing is taken yet.
            await Expect(shopperPage).ToHaveURLAsync(new Regex($"/orders/{order.Id}/confirmation$"));
            await Expect(shopperPage.GetByTestId("payment-held")).ToBeVisibleAsync();
            Assert.Equal("AwaitingPayment", Assert.Single(await db.OrdersForAsync(email)).Status);
            Assert.Equal(["Authorised"], await db.PaymentStatusesAsync(order.Id));
            Assert.Single(store.PayPal.Calls, c => c.Path == $"/v2/checkout/orders/{paypalOrderId}/authorize");
            Assert.Equal(0, store.PayPal.CapturesOf(paypalOrderId));

            // Staff see the held money on the order and capture it.
            adminPage = await browser.NewVisitorAsync(app.BaseUrl);
            var admin = new AdminPages(adminPage);
            await admin.SignInAsync(StoreAppHost.AdminEmail, StoreAppHost.AdminPassword);
            var capture = adminPage.GetByRole(AriaRole.Button, new() { Name = "Capture payment" });
            await admin.OpenInteractiveAsync($"/admin/orders/{order.Id}", capture);
            await Expect(admin.Status).ToHaveTextAsync("AwaitingPayment");
            await Expect(adminPage.GetByText(HeldPayment())).ToBeVisibleAsync();
            await capture.ClickAsync();

            // Paid, and the order worker may already have started fulfilment.
            await Expect(admin.Status).ToHaveTextAsync(PaidOrLater());
            await Expect(capture).ToHaveCountAsync(0);
            await admin.ExpectNoCircuitErrorAsync();
            Assert.Equal(1, store.PayPal.CapturesOf(paypalOrderId));
            var captureCall = Assert.Single(store.PayPal.Calls, c => c.Path.EndsWith("/capture", StringComparison.Ordinal));
            Assert.StartsWith($"order:{order.Id}:payment:", captureCall.IdempotencyKey, StringComparison.Ordinal);
            Assert.Matches(PaidOrLater(), Assert.Single(await db.OrdersForAsync(email)).Status);
            Assert.Equal(["Succeeded"], await db.PaymentStatusesAsync(order.Id));
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(GuestPurchase_WhenPayingWithPayPal_IsAuthorisedOnReturnAndCapturedByStaff), app, [shopperPage, adminPage]);
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

    [GeneratedRegex(@"paypal · Authorised")]
    private static partial Regex HeldPayment();

    [GeneratedRegex(@"^(Paid|Fulfilling)$")]
    private static partial Regex PaidOrLater();
}
