using Microsoft.EntityFrameworkCore;
using Store.Domain.Inventory;
using Store.Infrastructure.Inventory;

namespace Store.Infrastructure.Data.DemoData;

public sealed partial class DemoHistory
{
    private Dictionary<int, int> leadTimes = [];

    /// <summary>
    /// The morning's restocking: what fell under its reorder point (and is not already on order) goes on a purchase
    /// order to its supplier, drafted by the inventory worker, sent by staff and received when the supplier's lead
    /// time is up; each received line is a receipt in the ledger.
    /// </summary>
    private async Task RestockAsync(DemoStock stock, DateTimeOffset midnight, CancellationToken ct)
    {
        if (leadTimes.Count == 0)
        {
            leadTimes = await db.Suppliers.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.LeadTimeDays, ct);
        }

        var due = stock.Levels
            .Where(l => l.ReorderPoint > 0 && !l.OnOrder && l.Available < l.ReorderPoint && stock.Supplier(l.VariantId) is not null)
            .GroupBy(l => (Supplier: stock.Supplier(l.VariantId)!.Value, l.LocationId))
            .OrderBy(g => g.Key.Supplier).ThenBy(g => g.Key.LocationId)
            .ToList();
        if (due.Count == 0)
        {
            return;
        }

        var numbers = await NumbersAsync(StoreDbContext.PurchaseOrderNumberSequence, due.Count, ct);
        for (var i = 0; i < due.Count; i++)
        {
            var ((supplierId, locationId), levels) = (due[i].Key, due[i].ToList());
            var drafted = midnight.AddHours(7).AddMinutes(random.Next(60));
            var po = new PurchaseOrder(Guid.NewGuid(), numbers[i], supplierId, locationId, StockLowHandler.Actor, drafted);
            db.PurchaseOrders.Add(po);
            foreach (var level in levels)
            {
                var quantity = Math.Max(level.ReorderQuantity, level.ReorderPoint * 2);
                Must(po.AddLine(level.VariantId, quantity));
                level.OnOrder = true;
                Audit(drafted, StockLowHandler.Actor, "purchase-order.line-added", "purchase-order", po.Id, new { po.Number, VariantId = level.VariantId, Quantity = quantity });
            }

            var sent = drafted.AddHours(2).AddMinutes(random.Next(90));
            if (sent >= end)
            {
                continue;
            }

            Must(po.Send(sent));
            Audit(sent, staff, "purchase-order.sent", "purchase-order", po.Id, new { po.Number, Before = nameof(PurchaseOrderStatus.Draft), After = po.Status.ToString() });
            var received = sent.AddDays(Math.Max(1, leadTimes.GetValueOrDefault(supplierId, 7))).AddHours(random.Next(-2, 4));
            if (received >= end)
            {
                continue;
            }

            Must(po.MarkReceived(received));
            foreach (var line in po.Lines)
            {
                var level = levels.First(l => l.VariantId == line.VariantId);
                db.StockMovements.Add(new StockMovement(line.VariantId, locationId, MovementKind.Receipt, line.Quantity, 0, null, staff, $"Purchase order {po.Number}", received));
                stock.ChangeOnHand(level, line.Quantity);
                stock.Arrives(received, level, line.Quantity, delivered: true);
            }

            Audit(received, staff, "purchase-order.received", "purchase-order", po.Id, new { po.Number, Before = nameof(PurchaseOrderStatus.Sent), After = po.Status.ToString() });
        }

        stock.PurchaseOrders += due.Count;
    }
}
