using Microsoft.EntityFrameworkCore;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;

namespace Store.Tests.Support;

/// <summary>Small steps the feature tests share: pick a variant, set its stock, fill a guest cart, place an order.</summary>
public static class StoreScenario
{
    public static CheckoutDetails Shopper(string email = "shopper@example.com") =>
        new(email, "Grace Hopper", "12 Harbor Rd", null, "Portland", "ME", "04101", "US");

    /// <summary>A variant with exactly <paramref name="units"/> units, all at one location.</summary>
    public static async Task<int> VariantWithStockAsync(DatabaseFixture db, int units, int skip = 0)
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var variantId = await context.Variants.OrderBy(v => v.Id).Skip(skip).Select(v => v.Id).FirstAsync();
        var locations = await context.Locations.OrderBy(l => l.Priority).Select(l => l.Id).ToListAsync();
        var inventory = db.Get<InventoryService>(scope);
        for (var i = 0; i < locations.Count; i++)
        {
            // Through the service, so the stock ledger stays in step with the counts.
            var set = await inventory.SetOnHandAsync(variantId, locations[i], i == 0 ? units : 0, "test", "Test setup");
            Assert.True(set.IsSuccess, set.Error?.Message);
        }

        return variantId;
    }

    public static async Task<Guid> GuestCartWithAsync(DatabaseFixture db, int variantId, int quantity)
    {
        await using var scope = db.Scope();
        var view = await db.Get<CartService>(scope).AddAsync(new CartOwner(null, null), variantId, quantity);
        return view.Value.Id!.Value;
    }

    public static async Task<PlacedOrder> PlaceAsync(DatabaseFixture db, Guid cartId, string email = "shopper@example.com")
    {
        await using var scope = db.Scope();
        var placed = await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(cartId, null), Shopper(email));
        Assert.True(placed.IsSuccess, placed.Error?.Message);
        return placed.Value;
    }

    public static async Task<(int OnHand, int Reserved)> StockAsync(DatabaseFixture db, int variantId)
    {
        await using var scope = db.Scope();
        var levels = await db.Get<StoreDbContext>(scope).Inventory.AsNoTracking().Where(i => i.VariantId == variantId).ToListAsync();
        Assert.All(levels, l => Assert.True(l.OnHand >= l.Reserved && l.Reserved >= 0, $"Stock broken at location {l.LocationId}: {l.OnHand} on hand, {l.Reserved} reserved"));
        return (levels.Sum(l => l.OnHand), levels.Sum(l => l.Reserved));
    }

    public static async Task<int> ActiveReservedAsync(DatabaseFixture db, int variantId)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).StockReservations
            .Where(r => r.VariantId == variantId && r.Status == ReservationStatus.Active)
            .SumAsync(r => r.Quantity);
    }
}
