using Store.Domain.Common;
using Store.Domain.Pricing;

namespace Store.Infrastructure.Pricing;

/// <summary>
/// A sale as the owner sets it: on one variant or on every variant of a product, a percentage off or a fixed price,
/// for a window of time (start inclusive, end exclusive, either open). Ending a sale sets its end to now, so the row
/// stays as the record of what was on sale when.
/// </summary>
public sealed class StoredSalePrice
{
    private StoredSalePrice()
    {
    }

    public StoredSalePrice(int? productId, int? variantId, string label, decimal? percentOff, long? fixedPriceMinor, DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now)
    {
        if (productId is null == variantId is null)
        {
            throw new ArgumentException("A sale is on exactly one product or one variant.");
        }

        ProductId = productId;
        VariantId = variantId;
        CreatedAt = now;
        Change(label, percentOff, fixedPriceMinor, startsAt, endsAt);
    }

    public int Id { get; private set; }
    public int? ProductId { get; private set; }
    public int? VariantId { get; private set; }
    public string Label { get; private set; } = "Sale";
    public decimal? PercentOff { get; private set; }
    public long? FixedPriceMinor { get; private set; }
    public DateTimeOffset? StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public void Change(string label, decimal? percentOff, long? fixedPriceMinor, DateTimeOffset? startsAt, DateTimeOffset? endsAt)
    {
        Label = label.Trim();
        PercentOff = percentOff;
        FixedPriceMinor = fixedPriceMinor;
        StartsAt = startsAt;
        EndsAt = endsAt;
    }

    /// <summary>Ends the sale now; a sale that already ended or has not started keeps its window (only shortened).</summary>
    public void End(DateTimeOffset now)
    {
        if (EndsAt is null || EndsAt > now)
        {
            EndsAt = now;
        }
    }

    public SalePrice ToDomain(int variantId, string currency) => new(
        variantId,
        PercentOff is { } off ? PriceAdjustment.Off(off) : PriceAdjustment.To(new Money(FixedPriceMinor ?? 0, currency)),
        StartsAt,
        EndsAt,
        Label);
}
