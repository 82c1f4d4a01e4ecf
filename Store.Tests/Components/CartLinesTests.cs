using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Shipping;
using Store.Domain.Tax;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Common;
using Store.Web.Storefront.Cart;

namespace Store.Tests.Components;

public class CartLinesTests : BunitContext
{
    private static readonly ShippingQuote Ground = new("usps-ground", "USPS", "Ground Advantage", new Money(599, "USD"), new DeliveryEstimate(3, 5), "Parcel up to 500 g");

    public CartLinesTests()
    {
        // Prices are formatted in the store's currency and culture (the defaults: USD, en-US).
        Services.AddOptions<ShopOptions>();
        Services.AddSingleton<MoneyFormatter>();
    }

    private static CartView Cart(params CartLineView[] lines) =>
        new(Guid.NewGuid(), lines, new CheckoutQuote(
            new OrderTotals(lines.Sum(l => l.LineTotalMinor), 599, 0, "USD"), IsEstimate: true, new Destination("US", null, null), Ground, [Ground], 0, [], new Dictionary<int, long>(), PricesIncludeTax: false));

    private static CartLineView Line(int variantId, long price, int quantity, int available = 10) =>
        new(variantId, $"Product {variantId}", $"product-{variantId}", "M / Black", $"SKU-{variantId}", price, quantity, available);

    [Fact]
    public void Render_ShowsEachLineAndTheTotalsFromTheOneCalculation()
    {
        var cut = Render<CartLines>(p => p.Add(c => c.Cart, Cart(Line(1, 2499, 2), Line(2, 1000, 1))));

        Assert.Equal(2, cut.FindAll("[data-testid=cart-line]").Count);
        Assert.Contains("$49.98", cut.FindAll("[data-testid=cart-line]")[0].TextContent);
        Assert.Contains("$65.97", cut.Find("[data-testid=cart-total]").TextContent);
    }

    [Fact]
    public void Render_WhenNoAddressYet_CallsItAnEstimateAndLeavesTaxToCheckout()
    {
        var cut = Render<CartLines>(p => p.Add(c => c.Cart, Cart(Line(1, 2499, 2))));

        Assert.Contains("estimated to US", cut.Find("[data-testid=totals]").TextContent);
        Assert.Contains("At checkout", cut.Find("[data-testid=tax]").TextContent);
    }

    [Fact]
    public void Render_WhenTheAddressIsKnown_ShowsEachTaxRateWithItsAmount()
    {
        var cart = Cart(Line(1, 2499, 2));
        var taxed = cart with
        {
            Quote = cart.Quote with
            {
                IsEstimate = false,
                Totals = new OrderTotals(4998, 599, 362, "USD"),
                TaxBreakdown = [new TaxBreakdownLine("California sales tax", new Percent(7.25m), new Money(4998, "USD"), new Money(362, "USD"))],
            },
        };

        var cut = Render<CartLines>(p => p.Add(c => c.Cart, taxed));

        Assert.Contains("California sales tax 7.25 %", cut.Find("[data-testid=tax-line]").TextContent);
        Assert.Contains("$59.59", cut.Find("[data-testid=cart-total]").TextContent);
    }

    [Fact]
    public void Render_WhenEditable_NamesQuantityFieldsAndRemoveButtonsByVariant()
    {
        var cut = Render<CartLines>(p => p.Add(c => c.Cart, Cart(Line(7, 2499, 3))).Add(c => c.Editable, true));

        Assert.Equal("3", cut.Find("input[name='Input.Quantities[7]']").GetAttribute("value"));
        Assert.Equal("7", cut.Find("button[name='Input.Remove']").GetAttribute("value"));
    }

    [Fact]
    public void Render_WhenReadOnly_HasNoInputs()
    {
        var cut = Render<CartLines>(p => p.Add(c => c.Cart, Cart(Line(7, 2499, 3))));
        Assert.Empty(cut.FindAll("input"));
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void Render_WhenMoreIsInTheCartThanInStock_WarnsOnThatLine()
    {
        var cut = Render<CartLines>(p => p.Add(c => c.Cart, Cart(Line(7, 2499, 3, available: 1))));
        Assert.Contains("Only 1 left", cut.Find("[data-testid=cart-line]").TextContent);
    }
}
