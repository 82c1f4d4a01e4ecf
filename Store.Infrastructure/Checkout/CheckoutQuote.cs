using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Promotions;
using Store.Domain.Shipping;
using Store.Domain.Tax;

namespace Store.Infrastructure.Checkout;

/// <summary>
/// What a cart costs delivered somewhere, from one <see cref="CheckoutCalculator"/> run. <see cref="IsEstimate"/>:
/// no address yet, so shipping is the cheapest method to the store's home country and tax comes at checkout.
/// <see cref="LineTax"/> is each line's tax by variant id, as the order item will keep it. <see cref="Discounts"/>
/// are the promotions' shares of each line (keyed by variant id) and of shipping; <see cref="RejectedCodes"/> say why
/// an entered code gives nothing.
/// </summary>
public sealed record CheckoutQuote(
    OrderTotals Totals,
    bool IsEstimate,
    Destination Destination,
    ShippingQuote? Shipping,
    IReadOnlyList<ShippingQuote> ShippingOptions,
    long ShippingTaxMinor,
    IReadOnlyList<TaxBreakdownLine> TaxBreakdown,
    IReadOnlyDictionary<int, long> LineTax,
    bool PricesIncludeTax)
{
    public IReadOnlyList<string> Codes { get; init; } = [];

    public IReadOnlyList<AppliedDiscount> Discounts { get; init; } = [];

    public IReadOnlyList<DomainError> RejectedCodes { get; init; } = [];

    /// <summary>The entered codes that take something off this cart.</summary>
    public IReadOnlyList<string> AppliedCodes { get; init; } = [];

    /// <summary>One line per promotion applied, with its name and everything it took off, for the totals box.</summary>
    public IReadOnlyList<DiscountLine> DiscountLines => [.. Discounts
        .GroupBy(d => d.PromotionId)
        .Select(g => new DiscountLine(g.Key, g.First().Explanation, g.Sum(d => d.Amount.Minor), g.All(d => d.LineKey is null)))];

    public long DiscountMinor => Discounts.Sum(d => d.Amount.Minor);

    public long DiscountFor(int variantId) => Discounts.Where(d => d.LineKey == Key(variantId)).Sum(d => d.Amount.Minor);

    /// <summary>The names of the promotions on a line, as the order item keeps them (at most 500 characters).</summary>
    public string? DiscountNoteFor(int variantId)
    {
        var note = string.Join("; ", Discounts.Where(d => d.LineKey == Key(variantId)).Select(d => d.Explanation));
        return note.Length switch
        {
            0 => null,
            > 500 => note[..499] + "…",
            _ => note,
        };
    }

    public static string Key(int variantId) => variantId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static CheckoutQuote Empty(string currency, Destination destination, bool pricesIncludeTax) =>
        new(new OrderTotals(0, 0, 0, currency), true, destination, null, [], 0, [], new Dictionary<int, long>(), pricesIncludeTax);
}

/// <summary>A promotion's total on the cart ("WELCOME10: Welcome 10 % off", −$4.50); <see cref="OnShipping"/> when it only lowers shipping.</summary>
public sealed record DiscountLine(string PromotionId, string Label, long AmountMinor, bool OnShipping);
