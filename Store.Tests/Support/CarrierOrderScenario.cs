using Microsoft.EntityFrameworkCore;
using Store.Domain.Checkout;
using Store.Domain.Ordering;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;

namespace Store.Tests.Support;

/// <summary>An order shipped by UPS Ground's live rate ("ups:03"), paid with the test card and in fulfilment (its shipment made).</summary>
public static class CarrierOrderScenario
{
    public const string Staff = "staff@store.local";

    public static async Task<Guid> FulfillingAsync(DatabaseFixture db, string postalCode, string method = "ups:03", bool startFulfilment = true)
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var variant = await context.Variants.Include(v => v.Product).Where(v => v.Product.Category!.Slug == "t-shirts").OrderBy(v => v.Id).FirstAsync();
        variant.SetWeight(300);
        variant.Product.SetPublished(true);
        await context.SaveChangesAsync();
        var location = await context.Locations.OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync();
        Assert.True((await db.Get<InventoryService>(scope).SetOnHandAsync(variant.Id, location, 500, "test", "Test setup")).IsSuccess);

        var carts = db.Get<CartService>(scope);
        var cart = (await carts.AddAsync(new CartOwner(null, null), variant.Id, 2)).Value.Id!.Value;
        var view = await carts.ReviewAsync(new CartOwner(cart, null));

        // Quoting first puts the live rate in the cache, as the shopper's checkout page does before the order is placed.
        var quoted = await db.Get<CheckoutTotalsService>(scope).QuoteAsync(view.Lines, new Destination("US", "TX", postalCode), method);
        Assert.True(quoted.IsSuccess, quoted.Error?.Message);
        var details = new CheckoutDetails("carrier@example.com", "Carrie Parcel", "1 Congress Ave", "Suite 4", "Austin", "TX", postalCode, "US");
        var placed = await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(cart, null), details, method);
        Assert.True(placed.IsSuccess, placed.Error?.Message);

        var payments = db.Get<PaymentService>(scope);
        var payment = (await payments.StartAsync(placed.Value.OrderId, null)).Value;
        Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
        if (startFulfilment)
        {
            var started = await db.Get<OrderAdminService>(scope).StartFulfilmentAsync(placed.Value.OrderId, Staff);
            Assert.True(started.IsSuccess, started.Error?.Message);
        }

        return placed.Value.OrderId;
    }
}
