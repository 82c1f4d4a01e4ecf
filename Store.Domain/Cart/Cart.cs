using Store.Domain.Common;

namespace Store.Domain.Cart;

/// <summary>A shopper's cart: a guest's (found by a cookie) or a signed-in customer's.</summary>
public sealed class Cart
{
    public const int MaxQuantityPerLine = 99;
    public const int MaxLines = 100;
    public const int MaxCodes = 5;
    public const int MaxCodeLength = 50;

    private readonly List<CartItem> _items = [];

    private Cart()
    {
    }

    public Cart(Guid id, string? customerId, DateTimeOffset now)
    {
        Id = id;
        CustomerId = customerId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public string? CustomerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<CartItem> Items => _items;

    /// <summary>
    /// Discount codes the shopper entered, upper-cased, in the order entered. Whether each still applies is decided
    /// by the promotion evaluator on every quote, so an expired code shows its reason rather than vanishing.
    /// </summary>
    public string[] PromotionCodes { get; private set; } = [];

    public int TotalQuantity => _items.Sum(i => i.Quantity);

    public static DomainError? CheckQuantityToAdd(int quantity) =>
        quantity is < 1 or > MaxQuantityPerLine
            ? DomainError.Invalid("cart.quantity", $"Quantity must be between 1 and {MaxQuantityPerLine}.")
            : null;

    public Result<CartItem> Add(int variantId, int quantity, long unitPriceMinor, DateTimeOffset now)
    {
        if (CheckQuantityToAdd(quantity) is { } error)
        {
            return error;
        }

        var existing = _items.FirstOrDefault(i => i.VariantId == variantId);
        if (existing is not null)
        {
            var total = Math.Min(existing.Quantity + quantity, MaxQuantityPerLine);
            existing.SetQuantity(total);
            existing.SeePrice(unitPriceMinor);
            UpdatedAt = now;
            return existing;
        }

        if (_items.Count >= MaxLines)
        {
            return DomainError.Invalid("cart.full", $"A cart holds at most {MaxLines} different items.");
        }

        var item = new CartItem(Id, variantId, quantity, unitPriceMinor, now);
        _items.Add(item);
        UpdatedAt = now;
        return item;
    }

    /// <summary>Sets a line's quantity; zero removes the line.</summary>
    public Result<bool> SetQuantity(int variantId, int quantity, DateTimeOffset now)
    {
        if (quantity is < 0 or > MaxQuantityPerLine)
        {
            return DomainError.Invalid("cart.quantity", $"Quantity must be between 0 and {MaxQuantityPerLine}.");
        }

        var existing = _items.FirstOrDefault(i => i.VariantId == variantId);
        if (existing is null)
        {
            return DomainError.NotFound("cart.line", "That item is not in the cart.");
        }

        if (quantity == 0)
        {
            _items.Remove(existing);
        }
        else
        {
            existing.SetQuantity(quantity);
        }

        UpdatedAt = now;
        return true;
    }

    public void Remove(int variantId, DateTimeOffset now)
    {
        _items.RemoveAll(i => i.VariantId == variantId);
        UpdatedAt = now;
    }

    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    /// <summary>Adds a code; entering one the cart already has changes nothing.</summary>
    public Result<bool> ApplyCode(string? code, DateTimeOffset now)
    {
        var normalized = NormalizeCode(code ?? "");
        if (normalized.Length is 0 or > MaxCodeLength || normalized.Any(char.IsWhiteSpace))
        {
            return DomainError.Invalid("promotion.code.format", $"Enter a discount code of up to {MaxCodeLength} characters, without spaces.");
        }

        if (PromotionCodes.Contains(normalized, StringComparer.Ordinal))
        {
            return false;
        }

        if (PromotionCodes.Length >= MaxCodes)
        {
            return DomainError.Invalid("promotion.code.count", $"A cart holds at most {MaxCodes} discount codes.");
        }

        PromotionCodes = [.. PromotionCodes, normalized];
        UpdatedAt = now;
        return true;
    }

    public bool RemoveCode(string? code, DateTimeOffset now)
    {
        var normalized = NormalizeCode(code ?? "");
        if (!PromotionCodes.Contains(normalized, StringComparer.Ordinal))
        {
            return false;
        }

        PromotionCodes = [.. PromotionCodes.Where(c => c != normalized)];
        UpdatedAt = now;
        return true;
    }

    /// <summary>Moves a guest cart's lines into this (the customer's) cart, as when a guest signs in.</summary>
    public void MergeFrom(Cart guest, DateTimeOffset now)
    {
        foreach (var line in guest.Items)
        {
            Add(line.VariantId, line.Quantity, line.PriceSeenMinor, now);
        }

        foreach (var code in guest.PromotionCodes)
        {
            ApplyCode(code, now);
        }

        guest.PromotionCodes = [];

        guest._items.Clear();
        guest.UpdatedAt = now;
    }

    /// <summary>
    /// Brings the cart in line with what the shop can sell now: drops lines that are gone or sold out, lowers
    /// quantities to what is available, and notes price changes. Returns what changed, in words for the shopper.
    /// </summary>
    public IReadOnlyList<string> Repair(IReadOnlyDictionary<int, SellableVariant> sellable, DateTimeOffset now)
    {
        var notices = new List<string>();
        foreach (var item in _items.ToList())
        {
            if (!sellable.TryGetValue(item.VariantId, out var variant))
            {
                _items.Remove(item);
                notices.Add("An item in your cart is no longer sold and was removed.");
                continue;
            }

            if (variant.Available <= 0 && !variant.AllowBackorders)
            {
                _items.Remove(item);
                notices.Add($"{variant.Name} sold out and was removed from your cart.");
                continue;
            }

            if (item.Quantity > variant.Available && !variant.AllowBackorders)
            {
                notices.Add($"Only {variant.Available} of {variant.Name} left: we lowered the quantity from {item.Quantity}.");
                item.SetQuantity(variant.Available);
            }

            if (item.PriceSeenMinor != variant.PriceMinor)
            {
                notices.Add($"The price of {variant.Name} changed from {new Money(item.PriceSeenMinor, variant.Currency)} to {new Money(variant.PriceMinor, variant.Currency)}.");
                item.SeePrice(variant.PriceMinor);
            }
        }

        if (notices.Count > 0)
        {
            UpdatedAt = now;
        }

        return notices;
    }

    public void AssignTo(string customerId, DateTimeOffset now)
    {
        CustomerId = customerId;
        UpdatedAt = now;
    }

    public void Clear(DateTimeOffset now)
    {
        _items.Clear();
        UpdatedAt = now;
    }
}
