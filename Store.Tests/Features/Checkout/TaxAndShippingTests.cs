using Microsoft.EntityFrameworkCore;
using Store.Domain.Checkout;
using Store.Domain.Ordering;
using Store.Domain.Tax;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Tests.Support;

namespace Store.Tests.Features.Checkout;

/// <summary>
/// Shipping and tax from the seeded zones, through the one totals path. The cart in every test: 2 × a $24.99 tee
/// (standard class, 300 g) and 1 × a $10.00 mug (reduced class, 450 g): $59.98 of goods, 1050 g.
/// </summary>
public class TaxAndShippingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<string, string, string, long, long, long, long, string> Places => new()
    {
        // CA 7.25 %, shipping untaxed: tee 4998 × 7.25 % = 362.355 → 362; mug 1000 × 7.25 % = 72.5 → 72 (half-even, not 73).
        { "US", "CA", "90001", 999, 362, 72, 5998 + 999 + 434, "USPS Ground Advantage" },
        // OR has no sales tax.
        { "US", "OR", "97201", 999, 0, 0, 5998 + 999, "USPS Ground Advantage" },
        // DE VAT 19 % / 7 %, on DHL's 44.99 too: tee 949.62 → 950; mug 70; shipping 854.81 → 855.
        { "DE", null!, "10115", 4499, 950, 70, 5998 + 4499 + 950 + 70 + 855, "DHL Express International" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public async Task PlaceOrder_ToEachPlace_ChargesItsTaxPerLineAndItsShipping(string country, string? region, string postal, long shipping, long teeTax, long mugTax, long total, string service)
    {
        var (tee, mug) = await ArrangeAsync();
        var cart = await CartAsync(tee, mug);

        var placed = await PlaceAsync(cart, country, region, postal);

        Assert.True(placed.IsSuccess, placed.Error?.Message);
        var order = await OrderAsync(placed.Value.OrderId);
        Assert.Equal((5998L, shipping, total), (order.SubtotalMinor, order.ShippingMinor, order.TotalMinor));
        Assert.Equal(total - 5998 - shipping, order.TaxMinor);
        Assert.Equal(teeTax, order.Items.Single(i => i.VariantId == tee).TaxMinor);
        Assert.Equal(mugTax, order.Items.Single(i => i.VariantId == mug).TaxMinor);
        Assert.Equal(service, order.ShippingService);
    }

    [Fact]
    public async Task PlaceOrder_WhenTheShopperPicksAMethod_TheOrderEqualsWhatWasQuotedForIt()
    {
        var (tee, mug) = await ArrangeAsync();
        var cart = await CartAsync(tee, mug);
        CheckoutQuote quote;
        await using (var scope = db.Scope())
        {
            var view = await db.Get<CartService>(scope).ReviewAsync(new CartOwner(cart, null));
            quote = (await db.Get<CheckoutTotalsService>(scope).QuoteAsync(view.Lines, new Destination("US", "TX", "78701"), "ups-2day")).Value;
        }

        var placed = await PlaceAsync(cart, "US", "TX", "78701", "ups-2day");

        var order = await OrderAsync(placed.Value.OrderId);
        // TX 6.25 % taxes shipping: 4998 → 312.375 → 312; 1000 → 62.5 → 62 (half-even); 1999 → 124.9375 → 125.
        Assert.Equal(new OrderTotals(5998, 1999, 312 + 62 + 125, "USD"), quote.Totals);
        Assert.Equal((quote.Totals.SubtotalMinor, quote.Totals.ShippingMinor, quote.Totals.TaxMinor, quote.Totals.TotalMinor), (order.SubtotalMinor, order.ShippingMinor, order.TaxMinor, order.TotalMinor));
        Assert.Equal(quote.LineTax[tee], order.Items.Single(i => i.VariantId == tee).TaxMinor);
        Assert.Equal("UPS 2nd Day Air", order.ShippingService);
    }

    [Fact]
    public async Task PlaceOrder_WhenNoZoneShipsToTheAddress_IsRefusedAndNothingIsHeld()
    {
        var (tee, mug) = await ArrangeAsync();
        var cart = await CartAsync(tee, mug);

        var placed = await PlaceAsync(cart, "JP", null, "100-0001");

        Assert.Equal("shipping.zone", placed.Error!.Code);
        await using var scope = db.Scope();
        Assert.False(await db.Get<StoreDbContext>(scope).Orders.AnyAsync(o => o.CartId == cart));
    }

    [Fact]
    public async Task PlaceOrder_WhenTheMethodDoesNotDeliverThere_IsRefused()
    {
        var (tee, mug) = await ArrangeAsync();
        var cart = await CartAsync(tee, mug);

        var placed = await PlaceAsync(cart, "DE", null, "10115", "usps-ground");

        Assert.Equal("shipping.zone", placed.Error!.Code);
    }

    [Fact]
    public async Task CartView_BeforeAnAddress_EstimatesTheCheapestHomeShippingAndNoTax()
    {
        var (tee, mug) = await ArrangeAsync();
        var cart = await CartAsync(tee, mug);
        await using var scope = db.Scope();

        var view = await db.Get<CartService>(scope).GetAsync(new CartOwner(cart, null));

        Assert.True(view.Quote.IsEstimate);
        Assert.Equal("usps-ground", view.Quote.Shipping!.MethodId);
        Assert.Equal(["usps-ground", "ups-2day"], view.Quote.ShippingOptions.Select(o => o.MethodId));
        Assert.Equal(new OrderTotals(5998, 999, 0, "USD"), view.Totals);
    }

    private async Task<Store.Domain.Common.Result<PlacedOrder>> PlaceAsync(Guid cart, string country, string? region, string postal, string? method = null)
    {
        await using var scope = db.Scope();
        var details = new CheckoutDetails("tax@example.com", "Tax Payer", "1 Main St", null, "Somewhere", region, postal, country);
        return await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(cart, null), details, method);
    }

    private async Task<Order> OrderAsync(Guid id)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Orders.Include(o => o.Items).AsNoTracking().SingleAsync(o => o.Id == id);
    }

    private async Task<Guid> CartAsync(int tee, int mug)
    {
        await using var scope = db.Scope();
        var carts = db.Get<CartService>(scope);
        var cart = (await carts.AddAsync(new CartOwner(null, null), tee, 2)).Value.Id!.Value;
        Assert.True((await carts.AddAsync(new CartOwner(cart, null), mug, 1)).IsSuccess);
        return cart;
    }

    /// <summary>A tee and a mug with known prices, weights and tax classes, and plenty of stock.</summary>
    private async Task<(int Tee, int Mug)> ArrangeAsync()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var tee = await context.Variants.Include(v => v.Product).Where(v => v.Product.Category!.Slug == "t-shirts").OrderBy(v => v.Id).FirstAsync();
        var mug = await context.Variants.Include(v => v.Product).Where(v => v.Product.Category!.Slug == "kitchen").OrderBy(v => v.Id).FirstAsync();
        foreach (var (variant, price, grams, taxClass) in new[] { (tee, 2499L, 300, TaxClass.Standard), (mug, 1000L, 450, TaxClass.Reduced) })
        {
            variant.ChangePrice(price);
            variant.SetWeight(grams);
            variant.Product.SetTaxClass(taxClass);
            variant.Product.SetPublished(true);
        }

        await context.SaveChangesAsync();
        var location = await context.Locations.OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync();
        foreach (var id in new[] { tee.Id, mug.Id })
        {
            Assert.True((await db.Get<InventoryService>(scope).SetOnHandAsync(id, location, 500, "test", "Test setup")).IsSuccess);
        }

        return (tee.Id, mug.Id);
    }
}
