using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Common;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.DemoData;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Api.Ordering;

/// <summary>The page a shopper lands on after checkout adds the order up as the invoice and the email do.</summary>
public partial class OrderConfirmationPageTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task ConfirmationPage_ForAnOrderPaidWithWelcome10_ShowsTheLineDiscountAndThePromotion_AddingUpToTheTotal()
    {
        var orderId = await PlaceAsync(skip: 6, DemoPromotions.WelcomeCode, pay: true);
        var client = app.CreateClient();

        var html = await client.GetStringAsync($"/orders/{orderId}/confirmation");

        var order = await DetailAsync(orderId);
        var item = Assert.Single(order.Items);
        var promotion = Assert.Single(order.Promotions);
        var statement = order.Statement;
        Assert.True(item.DiscountMinor > 0 && promotion.AmountMinor > 0);
        Assert.Contains($"<small data-testid=\"line-discount\">−{Price(order, item.DiscountMinor)} WELCOME10: Welcome 10 % off</small>", html, StringComparison.Ordinal);
        Assert.Contains("<dt data-testid=\"order-discount\">Discount WELCOME10: Welcome 10 % off</dt>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd>−{Price(order, promotion.AmountMinor)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"order-items\">{Price(order, item.UnitPriceMinor * item.Quantity)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"order-shipping\">{Price(order, statement.ShippingMinor)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"order-total\"><strong>{Price(order, order.TotalMinor)}</strong>", html, StringComparison.Ordinal);
        Assert.Equal(order.TotalMinor, statement.ItemsMinor - statement.DiscountsMinor + statement.ShippingMinor + (statement.TaxIncluded ? 0 : order.TaxMinor));
    }

    [Fact]
    public async Task ConfirmationPage_AddsTheOrderUpExactlyAsTheInvoiceDoes()
    {
        var orderId = await PlaceAsync(skip: 7, DemoPromotions.WelcomeCode, pay: true);
        var client = app.CreateClient();

        var confirmation = Totals(await client.GetStringAsync($"/orders/{orderId}/confirmation"));
        var invoice = Totals(await client.GetStringAsync($"/orders/{orderId}/invoice"));

        Assert.Contains("Discount WELCOME10", confirmation, StringComparison.Ordinal);
        Assert.Equal(invoice.Replace("data-testid=\"invoice-", "data-testid=\"order-", StringComparison.Ordinal), confirmation);
    }

    [Fact]
    public async Task ConfirmationPage_ForAnOrderCancelledUnpaid_StillShowsThePromotionItsTotalKept_AndThatTheCodeWasGivenBack()
    {
        var orderId = await PlaceAsync(skip: 8, DemoPromotions.WelcomeCode, pay: false);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<OrderAdminService>().CancelAsync(orderId, "staff@example.com", "Customer asked")).IsSuccess);
        }

        var html = await app.CreateClient().GetStringAsync($"/orders/{orderId}/confirmation");

        var order = await DetailAsync(orderId);
        var promotion = Assert.Single(order.Promotions);
        Assert.True(promotion.Released);
        Assert.Contains("<dt data-testid=\"order-discount\">Discount WELCOME10: Welcome 10 % off<small> (code given back: order cancelled)</small></dt>", html, StringComparison.Ordinal);
        // WELCOME10 takes nothing off shipping: the shipping shown is the order's own, not shipping less the discount.
        Assert.Equal(order.ShippingMinor, order.Statement.ShippingMinor);
        Assert.Contains($"data-testid=\"order-shipping\">{Price(order, order.ShippingMinor)}</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmationPage_ForAnUnknownOrder_IsNotFound()
    {
        var response = await app.CreateClient().GetAsync($"/orders/{Guid.NewGuid()}/confirmation");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<Guid> PlaceAsync(int skip, string code, bool pay)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<StoreDbContext>();
        var variantId = await db.Variants
            .Where(v => v.Product.IsPublished && db.Inventory.Where(i => i.VariantId == v.Id).Sum(i => i.OnHand - i.Reserved) > 0)
            .OrderBy(v => v.Id).Skip(skip).Select(v => v.Id).FirstAsync();
        var carts = services.GetRequiredService<CartService>();
        var cart = await carts.AddAsync(new CartOwner(null, null), variantId, 1);
        var applied = await carts.ApplyCodeAsync(new CartOwner(cart.Value.Id, null), code);
        Assert.True(applied.IsSuccess, applied.Error?.Message);
        var placed = await services.GetRequiredService<CheckoutService>().PlaceOrderAsync(new CartOwner(cart.Value.Id, null), StoreScenario.Shopper($"coded-{Guid.NewGuid():N}@example.com")); // WELCOME10: once per customer
        Assert.True(placed.IsSuccess, placed.Error?.Message);
        if (pay)
        {
            var payments = services.GetRequiredService<PaymentService>();
            var payment = (await payments.StartAsync(placed.Value.OrderId, null)).Value;
            Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
        }

        return placed.Value.OrderId;
    }

    private async Task<OrderDetail> DetailAsync(Guid orderId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<OrderQueries>().DetailAsync(orderId))!;
    }

    private static string Price(OrderDetail order, long minor) => $"<span class=\"price\">{WebUtility.HtmlEncode(new Money(minor, order.Currency).ToString())}</span>";

    private static string Totals(string html)
    {
        var match = TotalsList().Match(html);
        Assert.True(match.Success, "The page has no order totals.");
        return match.Value;
    }

    [GeneratedRegex("<dl class=\"totals\".*?</dl>", RegexOptions.Singleline)]
    private static partial Regex TotalsList();
}
