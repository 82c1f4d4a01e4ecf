namespace Store.Domain.Catalog;

/// <summary>One option of a product as the shopper may buy it now: its unit price and the units available.</summary>
public sealed record OfferedVariant(int Id, long PriceMinor, int Available);

/// <summary>
/// What a product page headlines and which option it selects. The headline is the price of the option selected by
/// default, so what the shopper reads first is what the cart will charge if they press "Add to cart" straight away:
/// the cheapest option they can buy (the first of equals, in the page's order), with "from" when other buyable
/// options cost more. Sold-out options (unless backorders are allowed) are never the default.
/// </summary>
public sealed record ProductOffer(OfferedVariant? Default, OfferedVariant? Headline, bool PricesVary)
{
    public static ProductOffer For(IReadOnlyList<OfferedVariant> variants, bool allowBackorders)
    {
        var buyable = variants.Where(v => allowBackorders || v.Available > 0).ToList();
        var selected = Cheapest(buyable);
        var shown = selected ?? Cheapest(variants);
        var pool = buyable.Count > 0 ? buyable : variants;
        return new ProductOffer(selected, shown, pool.Select(v => v.PriceMinor).Distinct().Count() > 1);
    }

    /// <summary>MinBy keeps the first of equal prices, so the page's order breaks ties.</summary>
    private static OfferedVariant? Cheapest(IEnumerable<OfferedVariant> variants) => variants.MinBy(v => v.PriceMinor);
}
