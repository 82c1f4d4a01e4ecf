using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Store.Domain.Cart;
using Store.Domain.Common;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Pricing;
using CartEntity = Store.Domain.Cart.Cart;

namespace Store.Infrastructure.Cart;

public sealed class CartService(StoreDbContext db, IClock clock, CheckoutTotalsService totals, PriceResolver prices, IOptions<ShopOptions> options)
{
    private const int Attempts = 4;

    public async Task<CartView> GetAsync(CartOwner owner, CancellationToken ct = default)
    {
        var cart = await FindAsync(owner, track: false, ct);
        return await ViewAsync(cart, ct);
    }

    /// <summary>
    /// The cart as the shopper reviews it (cart page, checkout, API): first repaired against what can be sold now,
    /// with a notice for each change. Read-only views (the header's count) use <see cref="GetAsync"/>.
    /// </summary>
    public async Task<CartView> ReviewAsync(CartOwner owner, CancellationToken ct = default)
    {
        IReadOnlyList<string> notices = [];
        var changed = await ChangeAsync(owner, createIfMissing: false, async cart =>
        {
            notices = cart.Repair(await SellableAsync(cart, ct), clock.UtcNow);
            return true;
        }, ct);
        return changed.IsSuccess ? changed.Value with { Notices = notices } : await GetAsync(owner, ct);
    }

    /// <summary>Adds units of a variant; creates the cart on first use. The view's Id is the cart to remember.</summary>
    public Task<Result<CartView>> AddAsync(CartOwner owner, int variantId, int quantity, CancellationToken ct = default) =>
        CartEntity.CheckQuantityToAdd(quantity) is { } invalid
            ? Task.FromResult(Result<CartView>.Fail(invalid))
            : ChangeAsync(owner, createIfMissing: true, async cart =>
        {
            var variant = await db.Variants.AsNoTracking()
                .Where(v => v.Id == variantId && v.Product.IsPublished)
                .Select(v => new { v.Id, v.Product.AllowBackorders, Available = db.Inventory.Where(i => i.VariantId == v.Id).Sum(i => i.OnHand - i.Reserved) })
                .FirstOrDefaultAsync(ct);
            if (variant is null)
            {
                return DomainError.NotFound("cart.variant", "That product is not available.");
            }

            var inCart = cart.Items.Where(i => i.VariantId == variantId).Sum(i => i.Quantity);
            var group = await prices.CustomerGroupAsync(cart.CustomerId, ct);
            var price = (await prices.ResolveAsync([new PriceQuery(variantId, inCart + quantity)], group, ct))[variantId];
            if (inCart + quantity > variant.Available && !variant.AllowBackorders)
            {
                return DomainError.Conflict(
                    "cart.stock",
                    variant.Available <= inCart ? "Sorry, there is no more stock of this item." : $"Sorry, only {variant.Available} left in stock.");
            }

            var added = cart.Add(variantId, quantity, price.UnitPrice.Minor, clock.UtcNow);
            return added.IsSuccess ? Result<bool>.Ok(true) : added.Error!;
        }, ct);

    public Task<Result<CartView>> SetQuantityAsync(CartOwner owner, int variantId, int quantity, CancellationToken ct = default) =>
        ChangeAsync(owner, createIfMissing: false, cart => Task.FromResult(cart.SetQuantity(variantId, quantity, clock.UtcNow)), ct);

    /// <summary>
    /// Keeps a discount code on the cart when the promotion evaluator accepts it for the cart now; otherwise the cart
    /// is unchanged and the error says why (unknown, expired, used up, minimum not met, not combinable, nothing it applies to).
    /// </summary>
    public Task<Result<CartView>> ApplyCodeAsync(CartOwner owner, string? code, CancellationToken ct = default) =>
        ChangeAsync(owner, createIfMissing: false, async cart =>
        {
            var applied = cart.ApplyCode(code, clock.UtcNow);
            if (!applied.IsSuccess || !applied.Value)
            {
                return applied;
            }

            // A code the evaluator accepts stays even when it saves nothing yet: free shipping on a cart whose
            // estimated shipping is already free still counts once the shopper picks a paid method.
            var normalized = CartEntity.NormalizeCode(code!);
            var quote = (await ViewAsync(cart, ct)).Quote;
            return quote.AppliedCodes.Contains(normalized, StringComparer.Ordinal)
                ? true
                : quote.RejectedCodes.FirstOrDefault(e => e.Message.Contains($" {normalized} ", StringComparison.Ordinal)) is { } refused ? refused : true;
        }, ct);

    public Task<Result<CartView>> RemoveCodeAsync(CartOwner owner, string? code, CancellationToken ct = default) =>
        ChangeAsync(owner, createIfMissing: false, cart => Task.FromResult(Result<bool>.Ok(cart.RemoveCode(code, clock.UtcNow))), ct);

    /// <summary>On sign-in: the guest's lines join the customer's cart (created if needed), and the guest cart is emptied.</summary>
    public async Task MergeGuestCartAsync(Guid guestCartId, string customerId, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                db.ChangeTracker.Clear();
                var guest = await db.Carts.Include(c => c.Items).FirstOrDefaultAsync(c => c.Id == guestCartId && c.CustomerId == null, ct);
                if (guest is null || guest.Items.Count == 0)
                {
                    return;
                }

                var mine = await db.Carts.Include(c => c.Items).FirstOrDefaultAsync(c => c.CustomerId == customerId, ct);
                if (mine is null)
                {
                    // The guest cart simply becomes the customer's.
                    guest.AssignTo(customerId, clock.UtcNow);
                }
                else
                {
                    mine.MergeFrom(guest, clock.UtcNow);
                }

                await db.SaveChangesAsync(ct);
                return;
            }
            catch (Exception ex) when (attempt < Attempts && IsRace(ex))
            {
            }
        }
    }

    internal async Task<CartEntity?> FindAsync(CartOwner owner, bool track, CancellationToken ct)
    {
        IQueryable<CartEntity> carts = db.Carts.Include(c => c.Items);
        if (!track)
        {
            carts = carts.AsNoTracking();
        }

        if (owner.CustomerId is not null)
        {
            return await carts.FirstOrDefaultAsync(c => c.CustomerId == owner.CustomerId, ct);
        }

        return owner.GuestCartId is { } id ? await carts.FirstOrDefaultAsync(c => c.Id == id && c.CustomerId == null, ct) : null;
    }

    internal async Task<CartView> ViewAsync(CartEntity? cart, CancellationToken ct)
    {
        if (cart is null || cart.Items.Count == 0)
        {
            return new CartView(cart?.Id, [], (await totals.QuoteAsync([], null, null, null, null, ct)).Value) { Codes = cart?.PromotionCodes ?? [] };
        }

        var variantIds = cart.Items.Select(i => i.VariantId).ToList();
        var variants = await db.Variants.AsNoTracking()
            .Where(v => variantIds.Contains(v.Id))
            .Select(v => new
            {
                v.Id,
                v.Product.Name,
                v.Product.Slug,
                v.Title,
                v.Sku,
                v.ProductId,
                v.Product.CategoryId,
                v.Product.TaxClass,
                v.WeightGrams,
                Available = db.Inventory.Where(i => i.VariantId == v.Id).Sum(i => i.OnHand - i.Reserved),
            })
            .ToDictionaryAsync(v => v.Id, ct);
        var resolved = await prices.ResolveAsync([.. cart.Items.Select(i => new PriceQuery(i.VariantId, i.Quantity))], await prices.CustomerGroupAsync(cart.CustomerId, ct), ct);

        var lines = cart.Items
            .OrderBy(i => i.AddedAt).ThenBy(i => i.Id)
            .Where(i => variants.ContainsKey(i.VariantId))
            .Select(i =>
            {
                var v = variants[i.VariantId];
                var price = resolved[i.VariantId];
                return new CartLineView(v.Id, v.Name, v.Slug, v.Title, v.Sku, price.UnitPrice.Minor, i.Quantity, v.Available)
                {
                    Price = price,
                    ProductId = v.ProductId,
                    CategoryId = v.CategoryId,
                    TaxClass = v.TaxClass,
                    WeightGrams = v.WeightGrams,
                };
            })
            .ToList();

        // No address yet: an estimate, which refuses nothing; only a misconfigured rate (another currency) makes it fail.
        var estimate = await totals.QuoteAsync(lines, null, null, cart.PromotionCodes, cart.Id, ct);
        return new CartView(cart.Id, lines, estimate.IsSuccess ? estimate.Value : CheckoutQuote.Empty(options.Value.Currency, new(options.Value.HomeCountry, null, null), options.Value.PricesIncludeTax))
        {
            Codes = cart.PromotionCodes,
        };
    }

    /// <summary>What can be sold now, at the price the shopper would pay for the quantity in the cart.</summary>
    private async Task<IReadOnlyDictionary<int, SellableVariant>> SellableAsync(CartEntity cart, CancellationToken ct)
    {
        var variantIds = cart.Items.Select(i => i.VariantId).ToList();
        var sellable = await db.Variants.AsNoTracking()
            .Where(v => variantIds.Contains(v.Id) && v.Product.IsPublished)
            .Select(v => new SellableVariant(
                v.Id,
                v.Product.Name + " (" + v.Title + ")",
                v.PriceMinor,
                v.Product.Currency,
                db.Inventory.Where(i => i.VariantId == v.Id).Sum(i => i.OnHand - i.Reserved),
                v.Product.AllowBackorders))
            .ToListAsync(ct);
        var resolved = await prices.ResolveAsync([.. cart.Items.Select(i => new PriceQuery(i.VariantId, i.Quantity))], await prices.CustomerGroupAsync(cart.CustomerId, ct), ct);
        return sellable.ToDictionary(v => v.VariantId, v => v with { PriceMinor = resolved[v.VariantId].UnitPrice.Minor });
    }

    private async Task<Result<CartView>> ChangeAsync(CartOwner owner, bool createIfMissing, Func<CartEntity, Task<Result<bool>>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                db.ChangeTracker.Clear();
                var cart = await FindAsync(owner, track: true, ct);
                if (cart is null)
                {
                    if (!createIfMissing)
                    {
                        return DomainError.NotFound("cart.missing", "The cart is empty.");
                    }

                    // A guest whose cookie names a cart that no longer exists gets a new one with a new id.
                    cart = new CartEntity(Guid.NewGuid(), owner.CustomerId, clock.UtcNow);
                    db.Carts.Add(cart);
                }

                var result = await change(cart);
                if (!result.IsSuccess)
                {
                    return result.Error!;
                }

                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(ct);
                }

                return await ViewAsync(cart, ct);
            }
            catch (Exception ex) when (attempt < Attempts && IsRace(ex))
            {
                // Another request changed the same cart first: read it again and re-apply.
            }
            catch (DbUpdateException ex) when (owner.CustomerId is not null && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation, ConstraintName: var constraint } && constraint?.Contains("customer", StringComparison.OrdinalIgnoreCase) == true)
            {
                // The account was deleted between signing the request in and saving its new cart.
                return DomainError.NotFound("cart.account-gone", "This account no longer exists. Sign in again.");
            }
        }
    }

    private static bool IsRace(Exception ex) =>
        ex is DbUpdateConcurrencyException ||
        (ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } });
}
