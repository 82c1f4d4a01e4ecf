using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Cart;

/// <summary>
/// The header's "Cart (n)" on every storefront page. It needs only the units in the cart, not the priced and quoted
/// view <see cref="CartService.GetAsync"/> builds (lines, prices, promotions, tax and a shipping estimate): a visitor
/// without a cart costs no query at all, one with a cart a single sum.
/// </summary>
public sealed class CartCountQueries(StoreDbContext db)
{
    public async Task<int> ItemCountAsync(CartOwner owner, CancellationToken ct = default)
    {
        var carts = owner switch
        {
            { CustomerId: { } customerId } => db.Carts.Where(c => c.CustomerId == customerId),
            { GuestCartId: { } cartId } => db.Carts.Where(c => c.Id == cartId && c.CustomerId == null),
            _ => null,
        };
        if (carts is null)
        {
            return 0;
        }

        // As the cart's view counts: lines whose variant still exists.
        return await db.CartItems
            .Where(i => carts.Any(c => c.Id == i.CartId) && db.Variants.Any(v => v.Id == i.VariantId))
            .SumAsync(i => i.Quantity, ct);
    }
}
