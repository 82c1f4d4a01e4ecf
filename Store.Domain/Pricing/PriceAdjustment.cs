using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>A change to the base price: a fixed new price, or a percentage off. Exactly one is set.</summary>
public sealed record PriceAdjustment(Money? FixedPrice, Percent? PercentOff)
{
    public static PriceAdjustment To(Money price) => new(price, null);

    public static PriceAdjustment Off(decimal percent) => new(null, new Percent(percent));

    public Money ApplyTo(Money basePrice) =>
        FixedPrice ?? basePrice - PercentOff.GetValueOrDefault().Of(basePrice);

    public string Describe() => PercentOff is { } off ? $"−{off}" : $"{FixedPrice}";
}
