using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Common;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.DemoData;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Api.Shipping;

public class ShippingPagesTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task TrackingPage_WhenAnonymous_ShowsCarrierServiceAndEventsButNoNameStreetOrEmail()
    {
        var (orderId, tracking) = await ShippedOrderAsync(skip: 1);

        var response = await Anonymous().GetAsync($"/track/{tracking}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(tracking, html, StringComparison.Ordinal);
        Assert.Contains("Label created", html, StringComparison.Ordinal);
        Assert.Contains("Shipped", html, StringComparison.Ordinal);
        Assert.Contains("Portland, US", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Grace Hopper", html, StringComparison.Ordinal);
        Assert.DoesNotContain("12 Harbor Rd", html, StringComparison.Ordinal);
        Assert.DoesNotContain("04101", html, StringComparison.Ordinal);
        Assert.DoesNotContain("shopper@example.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain(orderId.ToString(), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UP1234567890123452")]
    [InlineData("nonsense")]
    public async Task TrackingPage_WhenTheNumberIsUnknownOrMalformed_IsNotFound(string number)
    {
        var response = await Anonymous().GetAsync($"/track/{number}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task LabelPdf_WhenAnonymous_RedirectsToSignIn_AndForStaff_IsThePdf()
    {
        var (orderId, _) = await ShippedOrderAsync(skip: 2);

        var anonymous = await Anonymous().GetAsync($"/admin/orders/{orderId}/label.pdf");
        var staff = await StaffAsync();
        var response = await staff.GetAsync($"/admin/orders/{orderId}/label.pdf");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location?.PathAndQuery ?? anonymous.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/admin/orders/{Guid.NewGuid()}/label.pdf")).StatusCode);
    }

    [Fact]
    public async Task InvoicePage_ForAPaidGuestOrder_ShowsItsNumberSellerBuyerLinesAndTotals_AndTheSameNumberAgain()
    {
        var (orderId, _) = await ShippedOrderAsync(skip: 3);

        var first = await Anonymous().GetStringAsync($"/orders/{orderId}/invoice");
        var again = await Anonymous().GetStringAsync($"/orders/{orderId}/invoice");

        await using var scope = app.Services.CreateAsyncScope();
        var order = (await scope.ServiceProvider.GetRequiredService<OrderQueries>().DetailAsync(orderId))!;
        Assert.NotNull(order.InvoiceNumber);
        Assert.Contains($"Invoice <span data-testid=\"invoice-number\">{order.InvoiceNumber}</span>", first, StringComparison.Ordinal);
        Assert.Contains(order.InvoiceNumber, again, StringComparison.Ordinal);
        Assert.Contains("Northwind Outfitters", first, StringComparison.Ordinal);
        Assert.Contains("12 Harbor Rd", first, StringComparison.Ordinal);
        Assert.Contains(order.Items[0].Sku, first, StringComparison.Ordinal);
        Assert.Contains(new Store.Domain.Common.Money(order.TotalMinor, order.Currency).ToString(), first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvoicePage_ForAPaidOrderWithWelcome10_ShowsEachDiscountAndAddsUpToTheOrdersTotal()
    {
        var orderId = await PaidOrderAsync(skip: 5, code: DemoPromotions.WelcomeCode);

        var html = await Anonymous().GetStringAsync($"/orders/{orderId}/invoice");

        await using var scope = app.Services.CreateAsyncScope();
        var order = (await scope.ServiceProvider.GetRequiredService<OrderQueries>().DetailAsync(orderId))!;
        var item = Assert.Single(order.Items);
        var promotion = Assert.Single(order.Promotions);
        Assert.True(item.DiscountMinor > 0);
        string Price(long minor) => $"<span class=\"price\">{WebUtility.HtmlEncode(new Money(minor, order.Currency).ToString())}</span>";
        Assert.Contains($"<span>−{Price(item.DiscountMinor)}</span>", html, StringComparison.Ordinal);
        Assert.Contains("<small>WELCOME10: Welcome 10 % off</small>", html, StringComparison.Ordinal);
        Assert.Contains("<dt data-testid=\"invoice-discount\">Discount WELCOME10: Welcome 10 % off</dt>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd>−{Price(promotion.AmountMinor)}</dd>", html, StringComparison.Ordinal);
        var statement = order.Statement;
        Assert.Equal(item.UnitPriceMinor * item.Quantity, statement.ItemsMinor);
        Assert.Equal(order.TotalMinor, statement.ItemsMinor - statement.DiscountsMinor + statement.ShippingMinor + (statement.TaxIncluded ? 0 : order.TaxMinor));
        Assert.Contains($"data-testid=\"invoice-items\">{Price(statement.ItemsMinor)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"invoice-shipping\">{Price(statement.ShippingMinor)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"invoice-total\"><strong>{Price(order.TotalMinor)}</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvoicePage_ForAnUnpaidOrder_IsNotFound()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var variantId = services.GetRequiredService<StoreDbContext>().Variants.OrderBy(v => v.Id).Skip(4).Select(v => v.Id).First();
        var cart = await services.GetRequiredService<CartService>().AddAsync(new CartOwner(null, null), variantId, 1);
        var placed = await services.GetRequiredService<CheckoutService>().PlaceOrderAsync(new CartOwner(cart.Value.Id, null), StoreScenario.Shopper());

        var response = await Anonymous().GetAsync($"/orders/{placed.Value.OrderId}/invoice");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/tax")]
    [InlineData("/admin/tax-classes")]
    [InlineData("/admin/shipping")]
    public async Task TaxAndShippingAdminPages_AreServedToStaffOnly(string url)
    {
        var anonymous = await Anonymous().GetAsync(url);
        var staff = await (await StaffAsync()).GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Contains("_framework/blazor.web.js", await staff.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpClient> StaffAsync()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);
        return client;
    }

    private async Task<(Guid OrderId, string Tracking)> ShippedOrderAsync(int skip)
    {
        var orderId = await PaidOrderAsync(skip);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var admin = services.GetRequiredService<OrderAdminService>();
        Assert.True((await admin.StartFulfilmentAsync(orderId, "staff")).IsSuccess);
        Assert.True((await admin.ShipAsync(orderId, "staff")).IsSuccess);
        var tracking = (await services.GetRequiredService<OrderQueries>().DetailAsync(orderId))!.TrackingNumber!;
        return (orderId, tracking);
    }

    private async Task<Guid> PaidOrderAsync(int skip, string? code = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var variantId = services.GetRequiredService<StoreDbContext>().Variants.OrderBy(v => v.Id).Skip(skip).Select(v => v.Id).First();
        var cart = await services.GetRequiredService<CartService>().AddAsync(new CartOwner(null, null), variantId, 1);
        if (code is not null)
        {
            var applied = await services.GetRequiredService<CartService>().ApplyCodeAsync(new CartOwner(cart.Value.Id, null), code);
            Assert.True(applied.IsSuccess, applied.Error?.Message);
        }

        var placed = await services.GetRequiredService<CheckoutService>().PlaceOrderAsync(new CartOwner(cart.Value.Id, null), StoreScenario.Shopper());
        Assert.True(placed.IsSuccess, placed.Error?.Message);
        var orderId = placed.Value.OrderId;
        var payments = services.GetRequiredService<PaymentService>();
        var payment = (await payments.StartAsync(orderId, null)).Value;
        Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
        return orderId;
    }
}
