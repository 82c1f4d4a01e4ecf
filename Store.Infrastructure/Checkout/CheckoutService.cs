using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Domain.Customers;
using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Promotions;

namespace Store.Infrastructure.Checkout;

public sealed record PlacedOrder(Guid OrderId, long Number, long TotalMinor, string Currency);

public sealed class CheckoutService(
    StoreDbContext db,
    CartService carts,
    CheckoutTotalsService totals,
    InventoryService inventory,
    PromotionRedemptions redemptions,
    AuditLog audit,
    Outbox.Outbox outbox,
    IClock clock,
    IOptions<ShopOptions> options)
{
    /// <summary>
    /// Turns the shopper's cart into an order awaiting payment and holds its stock, all in one transaction.
    /// Placing the same unchanged cart again (a double click, a retried request) returns the same order. Shipping and
    /// tax come from <see cref="CheckoutTotalsService"/>, the same quote the checkout page and the API show. The cart's
    /// discount codes must all still apply (a code that stopped applying is an error to show, not a silent price
    /// change), and each promotion used is counted against its limits in the same transaction; when one has run out
    /// meanwhile, no order is placed (see <see cref="PromotionRedemptions"/>).
    /// </summary>
    /// <param name="shippingMethodId">Null for the cheapest method that delivers to the address.</param>
    public Task<Result<PlacedOrder>> PlaceOrderAsync(CartOwner owner, CheckoutDetails details, string? shippingMethodId = null, CancellationToken ct = default) =>
        db.RetriableAsync(token => PlaceOrderOnceAsync(owner, details, shippingMethodId, token), ct);

    private async Task<Result<PlacedOrder>> PlaceOrderOnceAsync(CartOwner owner, CheckoutDetails details, string? shippingMethodId, CancellationToken ct)
    {
        var errors = details.Validate();
        if (errors.Count > 0)
        {
            return DomainError.Invalid("checkout.details", string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var address = details.ToAddress();
        var email = details.Email!.Trim();
        if (owner.CustomerId is { } account && options.Value.Customers.RequireConfirmedEmail)
        {
            var confirmed = await db.Users.AsNoTracking().Where(u => u.Id == account).Select(u => u.EmailConfirmed).FirstOrDefaultAsync(ct);
            if (AccountCheckoutRule.Check(requireConfirmedEmail: true, confirmed) is { } unconfirmed)
            {
                return unconfirmed;
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // The owner's cart row is locked before it is read (one round trip fewer than find, lock, read again):
        // two checkouts of one cart run one after the other, and the second sees what the first did.
        if (owner.CustomerId is { } customerId)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM carts WHERE customer_id = {customerId} FOR UPDATE", ct);
        }
        else if (owner.GuestCartId is { } guestCartId)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM carts WHERE id = {guestCartId} AND customer_id IS NULL FOR UPDATE", ct);
        }

        var cart = await carts.FindAsync(owner, track: false, ct);
        if (cart is null || cart.Items.Count == 0)
        {
            return DomainError.Invalid("checkout.empty", "The cart is empty.");
        }

        var (cartLines, backorderable) = await carts.LinesAsync(cart, ct);
        if (cartLines.Count != cart.Items.Count)
        {
            return DomainError.Conflict("checkout.unavailable", "Some items in the cart are no longer sold. Review the cart and try again.");
        }

        var quoted = await totals.QuoteAsync(cartLines, Destination.From(address), shippingMethodId, cart.PromotionCodes, cart.Id, ct);
        if (!quoted.IsSuccess)
        {
            return quoted.Error!;
        }

        var quote = quoted.Value;
        if (quote.RejectedCodes.FirstOrDefault(e => e.Code != "promotion.code.not-combinable") is { } refused)
        {
            return refused;
        }

        var service = quote.Shipping is { } chosen ? $"{chosen.Carrier} {chosen.Service}" : null;
        var open = await db.Orders
            .Where(o => o.CartId == cart.Id && o.Status == OrderStatus.AwaitingPayment)
            .ToListAsync(ct);
        var superseded = new List<Guid>();
        foreach (var previous in open)
        {
            if (previous.CartVersion == cart.UpdatedAt && previous.Email == email && previous.ShippingAddress == address && previous.ShippingService == service)
            {
                return new PlacedOrder(previous.Id, previous.Number, previous.TotalMinor, previous.Currency);
            }

            // The cart, the address or the shipping method changed since: the older unpaid order gives its stock back.
            previous.Cancel(email, "Replaced by a newer checkout of the same cart", clock.UtcNow);
            await inventory.ReleaseAsync(previous.Id, email, "Replaced by a newer checkout of the same cart", ct);
            superseded.Add(previous.Id);
            audit.Record(email, "order.superseded", "order", previous.Id.ToString(), new { previous.Number });
        }

        var lines = cartLines
            .Select(l => new OrderLine(l.VariantId, l.ProductName, l.VariantTitle, l.Sku, l.UnitPriceMinor, l.Quantity, quote.LineTax[l.VariantId], l.Price?.BasePrice.Minor, l.Price?.Explanation.Text, quote.DiscountFor(l.VariantId), quote.DiscountNoteFor(l.VariantId)))
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
            quote.Totals.ShippingMinor + (quote.PricesIncludeTax ? quote.ShippingTaxMinor : 0),
            cart.Id,
            cart.UpdatedAt,
            clock.UtcNow,
            new OrderShipping(service, quote.ShippingTaxMinor, quote.PricesIncludeTax, quote.Shipping?.MethodId));
        if (!placed.IsSuccess)
        {
            return placed.Error!;
        }

        var order = placed.Value;
        if (order.TotalMinor != quote.Totals.TotalMinor)
        {
            // The order adds up what the calculator gave it; a difference is a bug in one of the two, never a price to charge.
            throw new InvalidOperationException($"Order total {order.TotalMinor} differs from the quoted {quote.Totals.TotalMinor}.");
        }

        if (order.RecordTaxBreakdown(quote.TaxBreakdown) is { IsSuccess: false } breakdown)
        {
            throw new InvalidOperationException(breakdown.Error!.Message);
        }

        db.Orders.Add(order);
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

        // Promotion rows are locked last and held only until commit: the superseded orders' uses go back first, so
        // re-checking out a cart whose code is at its limit still gets the code.
        foreach (var previous in superseded)
        {
            await redemptions.ReleaseAsync(previous, clock.UtcNow, ct);
        }

        var redeemed = await redemptions.RedeemAsync(order, quote.Discounts, clock.UtcNow, ct);
        if (!redeemed.IsSuccess)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return redeemed.Error!;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PlacedOrder(order.Id, order.Number, order.TotalMinor, order.Currency);
    }
}
