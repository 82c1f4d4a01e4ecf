using Bunit;
using Store.Domain.Ordering;
using Store.Infrastructure.Cart;
using Store.Web.Storefront.Cart;

namespace Store.Tests.Components;

public class CartLinesTests : BunitContext
{
    private static CartView Cart(params CartLineView[] lines) =>
        new(Guid.NewGuid(), lines, OrderTotals.For(lines.Select(l => (l.UnitPriceMinor, l.Quantity)), 599, "USD"));

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
