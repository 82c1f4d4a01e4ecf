using Microsoft.EntityFrameworkCore;
using Store.Domain.Checkout;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;

namespace Store.Tests.Support;

/// <summary>
/// A cart with a known packed weight (2 × a 300 g tee and a 450 g mug: 1050 g) and checkout's quote for it to a Texas
/// address, for the carrier tests. Quotes are cached per destination, so each test asks for its own postal code.
/// </summary>
public static class CarrierCheckout
{
    public static async Task<CheckoutQuote> QuoteAsync(DatabaseFixture fixture, Guid cart, string postalCode, string? method = null)
    {
        await using var scope = fixture.Scope();
        var view = await fixture.Get<CartService>(scope).ReviewAsync(new CartOwner(cart, null));
        var quoted = await fixture.Get<CheckoutTotalsService>(scope).QuoteAsync(view.Lines, new Destination("US", "TX", postalCode), method);
        Assert.True(quoted.IsSuccess, quoted.Error?.Message);
        return quoted.Value;
    }

    public static async Task<Guid> CartAsync(DatabaseFixture fixture)
    {
        await using var scope = fixture.Scope();
        var context = fixture.Get<StoreDbContext>(scope);
        var tee = await context.Variants.Include(v => v.Product).Where(v => v.Product.Category!.Slug == "t-shirts").OrderBy(v => v.Id).FirstAsync();
        var mug = await context.Variants.Include(v => v.Product).Where(v => v.Product.Category!.Slug == "kitchen").OrderBy(v => v.Id).FirstAsync();
        foreach (var (variant, grams) in new[] { (tee, 300), (mug, 450) })
        {
            variant.SetWeight(grams);
            variant.Product.SetPublished(true);
        }

        await context.SaveChangesAsync();
        var location = await context.Locations.OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync();
        foreach (var id in new[] { tee.Id, mug.Id })
        {
            Assert.True((await fixture.Get<InventoryService>(scope).SetOnHandAsync(id, location, 500, "test", "Test setup")).IsSuccess);
        }

        var carts = fixture.Get<CartService>(scope);
        var cart = (await carts.AddAsync(new CartOwner(null, null), tee.Id, 2)).Value.Id!.Value;
        Assert.True((await carts.AddAsync(new CartOwner(cart, null), mug.Id, 1)).IsSuccess);
        return cart;
    }
}
