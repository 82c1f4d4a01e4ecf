using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Shipping;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Shipping;

/// <summary>
/// Makes an order's parcel: carrier and service from the shipping method the shopper chose, the weight of the
/// variants packed, and a new tracking number. Runs inside the caller's transaction, under the order's row lock.
/// </summary>
public sealed class ShipmentService(StoreDbContext db)
{
    private const int TrackingNumberAttempts = 5;

    /// <summary>The order's shipment, tracked for changes; made (with a "label created" event) if it has none yet.</summary>
    public async Task<Result<Shipment>> EnsureAsync(Order order, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (await FindAsync(order.Id, ct) is { } existing)
        {
            return existing;
        }

        var (carrier, service) = await CarrierAndServiceAsync(order.ShippingService, ct);
        var weight = await db.OrderItems
            .Where(i => i.OrderId == order.Id)
            .Join(db.Variants, i => i.VariantId, v => v.Id, (i, v) => (long)v.WeightGrams * i.Quantity)
            .SumAsync(ct);

        // The unique index is the guarantee; checking first keeps a (very unlikely) collision from failing the whole step.
        string? tracking = null;
        for (var attempt = 0; attempt < TrackingNumberAttempts && tracking is null; attempt++)
        {
            var candidate = TrackingNumbers.New(carrier);
            if (!await db.Shipments.AnyAsync(s => s.TrackingNumber == candidate, ct))
            {
                tracking = candidate;
            }
        }

        if (tracking is null)
        {
            throw new InvalidOperationException("No free tracking number after several attempts.");
        }

        var created = Shipment.Create(Guid.NewGuid(), order.Id, carrier, service, tracking, weight, actor, now);
        if (created.IsSuccess)
        {
            db.Shipments.Add(created.Value);
        }

        return created;
    }

    public Task<Shipment?> FindAsync(Guid orderId, CancellationToken ct) =>
        db.Shipments.Include(s => s.Events).FirstOrDefaultAsync(s => s.OrderId == orderId, ct);

    /// <summary>
    /// The order keeps its method as "Carrier Service" text (what the shopper was shown). The method table says where
    /// the carrier ends; an order whose method has since been renamed or removed falls back to the first word.
    /// </summary>
    private async Task<(string Carrier, string Service)> CarrierAndServiceAsync(string? shippingService, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(shippingService))
        {
            return ("Store", "Standard delivery");
        }

        var method = await db.ShippingMethods.AsNoTracking()
            .Where(m => m.Carrier + " " + m.Service == shippingService)
            .Select(m => new { m.Carrier, m.Service })
            .FirstOrDefaultAsync(ct);
        if (method is not null)
        {
            return (method.Carrier, method.Service);
        }

        var space = shippingService.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? (shippingService[..space], shippingService[(space + 1)..]) : (shippingService, shippingService);
    }
}
