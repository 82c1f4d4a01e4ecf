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

    public static OrderEmailModel From(OrderDetail order) =>
        new(
            order.Id,
            order.Number,
            order.Currency,
            order.Items.Select(i => new OrderEmailLine(i.ProductName, i.VariantTitle, i.Sku, i.Quantity, i.UnitPriceMinor, i.LineTotalMinor) { PriceNote = i.RegularPriceMinor > i.UnitPriceMinor ? i.PriceExplanation : null }).ToList(),
            order.SubtotalMinor,
            order.ShippingMinor,
            order.TaxMinor,
            order.TotalMinor,
            order.ShippingAddress)
        {
            TaxLines = order.TaxLines,
        };
}
