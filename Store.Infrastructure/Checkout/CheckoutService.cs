using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;

namespace Store.Infrastructure.Checkout;

public sealed record PlacedOrder(Guid OrderId, long Number, long TotalMinor, string Currency);

public sealed class CheckoutService(
    StoreDbContext db,
    CartService carts,
    InventoryService inventory,
    AuditLog audit,
    Outbox.Outbox outbox,
    IClock clock,
    IOptions<ShopOptions> options)
{
    /// <summary>
    /// Turns the shopper's cart into an order awaiting payment and holds its stock, all in one transaction.
    /// Placing the same unchanged cart again (a double click, a retried request) returns the same order.
    /// </summary>
    public async Task<Result<PlacedOrder>> PlaceOrderAsync(CartOwner owner, CheckoutDetails details, CancellationToken ct = default)
    {
        var errors = details.Validate();
        if (errors.Count > 0)
        {
            return DomainError.Invalid("checkout.details", string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var address = details.ToAddress();
        var email = details.Email!.Trim();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await carts.FindAsync(owner, track: false, ct);
        if (found is null || found.Items.Count == 0)
        {
            return DomainError.Invalid("checkout.empty", "The cart is empty.");
        }

        // Serialises checkouts of one cart, so two clicks cannot make two orders.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM carts WHERE id = {found.Id} FOR UPDATE", ct);
        db.ChangeTracker.Clear();
        var cart = await carts.FindAsync(owner, track: false, ct);
        if (cart is null || cart.Items.Count == 0)
        {
            return DomainError.Invalid("checkout.empty", "The cart is empty.");
        }

        var open = await db.Orders
            .Where(o => o.CartId == cart.Id && o.Status == OrderStatus.AwaitingPayment)
            .ToListAsync(ct);
        foreach (var previous in open)
        {
            if (previous.CartVersion == cart.UpdatedAt && previous.Email == email && previous.ShippingAddress == address)
            {
                return new PlacedOrder(previous.Id, previous.Number, previous.TotalMinor, previous.Currency);
            }

            // The cart or the address changed since: the older unpaid order gives its stock back.
            previous.Cancel(email, "Replaced by a newer checkout of the same cart", clock.UtcNow);
            await inventory.ReleaseAsync(previous.Id, email, "Replaced by a newer checkout of the same cart", ct);
            audit.Record(email, "order.superseded", "order", previous.Id.ToString(), new { previous.Number });
        }

        var view = await carts.ViewAsync(cart, ct);
        if (view.Lines.Count != cart.Items.Count)
        {
            return DomainError.Conflict("checkout.unavailable", "Some items in the cart are no longer sold. Review the cart and try again.");
        }

        var lines = view.Lines
            .Select(l => new OrderLine(l.VariantId, l.ProductName, l.VariantTitle, l.Sku, l.UnitPriceMinor, l.Quantity))
            .ToList();
        var number = await db.Database
            .SqlQuery<long>($"SELECT nextval('order_numbers') AS \"Value\"")
            .SingleAsync(ct);
        var placed = Order.Place(
            Guid.NewGuid(),
            number,
            owner.CustomerId,
            email,
            address,
            options.Value.Currency,
            lines,
            options.Value.FlatShippingMinor,
            cart.Id,
            cart.UpdatedAt,
            clock.UtcNow);
        if (!placed.IsSuccess)
        {
            return placed.Error!;
        }

        var order = placed.Value;
        db.Orders.Add(order);
        var variantIds = lines.Select(l => l.VariantId).ToList();
        var backorderable = await db.Variants.AsNoTracking()
            .Where(v => variantIds.Contains(v.Id) && v.Product.AllowBackorders)
            .Select(v => v.Id)
            .ToListAsync(ct);
        var reserved = await inventory.ReserveAsync(order.Id, lines.Select(l => (l.VariantId, l.Quantity, l.Sku, backorderable.Contains(l.VariantId))).ToList(), email, ct);
        if (!reserved.IsSuccess)
        {
            await tx.RollbackAsync(ct);
            return reserved.Error!;
        }

        foreach (var (variantId, units) in reserved.Value)
        {
            order.Backorder(variantId, units);
        }

        audit.Record(email, "order.placed", "order", order.Id.ToString(), new { order.Number, order.TotalMinor, Lines = lines.Count });
        outbox.Add(new OrderPlaced(order.Id, order.Number, order.Email, order.TotalMinor, order.Currency));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PlacedOrder(order.Id, order.Number, order.TotalMinor, order.Currency);
    }
}
