using Store.Domain.Ordering;
using Store.Infrastructure.Ordering;

namespace Store.Infrastructure.Notifications;

/// <summary>What the order confirmation shows, taken from an <see cref="OrderDetail"/> so the template needs no database.</summary>
public sealed record OrderEmailModel(
    Guid OrderId,
    long Number,
    string Currency,
    IReadOnlyList<OrderEmailLine> Lines,
    long SubtotalMinor,
    long ShippingMinor,
    long TaxMinor,
    long TotalMinor,
    ShippingAddress ShipTo)
{
    /// <summary>The tax per rate as kept with the order when it was placed.</summary>
    public IReadOnlyList<OrderTaxLineView> TaxLines { get; init; } = [];

    /// <summary>The promotions the order used, each with everything it took off (lines and shipping).</summary>
    public IReadOnlyList<OrderPromotionView> Discounts { get; init; } = [];

    /// <summary>Items before promotions − promotions + shipping (+ tax when added) = total, as the invoice shows it.</summary>
    public OrderStatement Statement => OrderStatement.Of(
        Lines.Sum(l => checked(l.UnitPriceMinor * l.Quantity)),
        Lines.Sum(l => l.LineTotalMinor),
        Discounts.Sum(d => d.AmountMinor),
        SubtotalMinor,
        TaxMinor,
        TotalMinor);

    public static OrderEmailModel From(OrderDetail order) =>
        new(
            order.Id,
            order.Number,
            order.Currency,
            order.Items.Select(i => new OrderEmailLine(i.ProductName, i.VariantTitle, i.Sku, i.Quantity, i.UnitPriceMinor, i.LineTotalMinor) { PriceNote = i.RegularPriceMinor > i.UnitPriceMinor ? i.PriceExplanation : null, DiscountMinor = i.DiscountMinor, DiscountNote = i.DiscountNote }).ToList(),
            order.SubtotalMinor,
            order.ShippingMinor,
            order.TaxMinor,
            order.TotalMinor,
            order.ShippingAddress)
        {
            TaxLines = order.TaxLines,
            Discounts = order.Discounts,
        };
}
