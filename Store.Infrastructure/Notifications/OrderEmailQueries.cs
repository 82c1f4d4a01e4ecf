using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Infrastructure.Data;
using Store.Infrastructure.Ordering;

namespace Store.Infrastructure.Notifications;

/// <summary>The order confirmation's model and recipient, for an order that exists.</summary>
public sealed record OrderConfirmationRead(string Email, OrderEmailModel Model);

/// <summary>
/// The order confirmation is sent for every paid order: it reads only what it shows, in one statement, rather than
/// the admin's whole <see cref="OrderDetail"/> (about ten queries: payments, refunds, disputes, pick lists, shipment …).
/// </summary>
public sealed class OrderEmailQueries(StoreDbContext db)
{
    public async Task<OrderConfirmationRead?> ConfirmationAsync(Guid orderId, CancellationToken ct = default)
    {
        var order = await db.Orders.AsNoTracking()
            .Where(o => o.Id == orderId)
            .Select(o => new
            {
                o.Id,
                o.Number,
                o.Email,
                o.Currency,
                o.SubtotalMinor,
                o.ShippingMinor,
                o.TaxMinor,
                o.TotalMinor,
                o.ShippingAddress,
                Lines = o.Items.OrderBy(i => i.Id)
                    .Select(i => new { i.ProductName, i.VariantTitle, i.Sku, i.Quantity, i.UnitPriceMinor, i.LineTotalMinor, i.RegularPriceMinor, i.PriceExplanation, i.DiscountMinor, i.DiscountNote })
                    .ToList(),
                TaxLines = o.TaxLines.OrderByDescending(l => l.RatePercent).ThenBy(l => l.Id)
                    .Select(l => new OrderTaxLineView(l.ZoneName, l.RatePercent, l.TaxableNetMinor, l.TaxMinor))
                    .ToList(),
                Discounts = db.PromotionRedemptions
                    .Where(r => r.OrderId == o.Id && r.ReleasedAt == null)
                    .OrderBy(r => r.PromotionId)
                    .Select(r => new OrderPromotionView(r.Label, r.Code, r.AmountMinor, false))
                    .ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (order is null)
        {
            return null;
        }

        var lines = order.Lines
            .Select(i => new OrderEmailLine(i.ProductName, i.VariantTitle, i.Sku, i.Quantity, i.UnitPriceMinor, i.LineTotalMinor)
            {
                PriceNote = i.RegularPriceMinor > i.UnitPriceMinor ? i.PriceExplanation : null,
                DiscountMinor = i.DiscountMinor,
                DiscountNote = i.DiscountNote,
            })
            .ToList();
        var model = new OrderEmailModel(order.Id, order.Number, order.Currency, lines, order.SubtotalMinor, order.ShippingMinor, order.TaxMinor, order.TotalMinor, order.ShippingAddress)
        {
            TaxLines = order.TaxLines,
            Discounts = order.Discounts,
        };
        return new OrderConfirmationRead(order.Email, model);
    }
}
