using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Domain.Shipping;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;
using Store.Infrastructure.Shipping.Carriers;

namespace Store.Infrastructure.Shipping;

/// <summary>
/// The tracking job's work: asks each parcel's carrier (any <see cref="ICarrierTracking"/>, by its code) for its scans
/// and adds the new ones to the shipment through the domain, which keeps a scan once and never moves a parcel back.
/// Parcels are taken least recently asked first, a bounded batch per run, until delivered (or too old to wait for).
/// The first scan ships the order and the delivery delivers it, in the same transaction, with the same "shipped"
/// email as a member of staff marking it. A carrier that fails is noted in <see cref="CarrierHealth"/> for that
/// parcel and the run goes on with the others.
/// </summary>
public sealed class CarrierTrackingService(
    StoreDbContext db,
    IEnumerable<IShippingCarrier> carriers,
    CarrierHealth health,
    Outbox.Outbox outbox,
    AuditLog audit,
    IOptionsMonitor<CarrierOptions> options,
    IClock clock,
    ILogger<CarrierTrackingService> logger)
{
    /// <summary>The shadow property (column polled_at) of shipments: when the job last asked the carrier about the parcel.</summary>
    public const string PolledAt = "PolledAt";

    public async Task<CarrierTrackingRun> PollAsync(CancellationToken ct = default)
    {
        var trackers = carriers.OfType<ICarrierTracking>().Where(c => c.IsConfigured).ToDictionary(c => c.Code, StringComparer.Ordinal);
        if (trackers.Count == 0)
        {
            return new CarrierTrackingRun(0, 0, 0);
        }

        var settings = options.CurrentValue.Tracking;
        var codes = trackers.Keys.ToList();
        var oldest = clock.UtcNow - settings.GiveUpAfter;
        var due = await db.Shipments.AsNoTracking()
            .Where(s => s.CarrierCode != null && codes.Contains(s.CarrierCode) && s.Status != ShipmentEventKind.Delivered && s.CreatedAt >= oldest)
            .OrderBy(s => EF.Property<DateTimeOffset?>(s, PolledAt) != null)
            .ThenBy(s => EF.Property<DateTimeOffset?>(s, PolledAt))
            .ThenBy(s => s.CreatedAt)
            .Take(Math.Max(1, settings.BatchSize))
            .Select(s => new { s.Id, s.OrderId, Carrier = s.CarrierCode!, s.TrackingNumber })
            .ToListAsync(ct);

        int added = 0, failed = 0;
        foreach (var parcel in due)
        {
            var tracker = trackers[parcel.Carrier];
            IReadOnlyList<CarrierTrackingEvent> scans;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                deadline.CancelAfter(settings.Timeout);
                try
                {
                    scans = await tracker.TrackAsync(parcel.TrackingNumber, deadline.Token);
                    health.Succeeded(tracker.Code);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e)
                {
                    var why = e is OperationCanceledException ? $"no answer within {settings.Timeout.TotalSeconds:0.#} s" : CarrierErrors.Describe(e);
                    logger.LogWarning(e, "{Carrier} tracking of {TrackingNumber} failed: {Reason}", tracker.Name, parcel.TrackingNumber, why);
                    health.Failed(tracker.Code, $"Tracking {parcel.TrackingNumber}: {why}");
                    failed++;

                    // Asked, even if unanswered: the parcel goes to the back of the queue instead of blocking its head.
                    scans = [];
                }
            }

            added += await db.RetriableAsync(token => ApplyOnceAsync(parcel.OrderId, parcel.Id, tracker.Name, scans, token), ct);
        }

        return new CarrierTrackingRun(due.Count, added, failed);
    }

    private async Task<int> ApplyOnceAsync(Guid orderId, Guid shipmentId, string carrierName, IReadOnlyList<CarrierTrackingEvent> scans, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // The order's row first, as staff actions take it: a member of staff marking the parcel waits, or is waited for.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", ct);
        var order = await db.Orders.FirstAsync(o => o.Id == orderId, ct);
        var shipment = await db.Shipments.Include(s => s.Events).FirstAsync(s => s.Id == shipmentId, ct);
        var now = clock.UtcNow;
        var actor = $"{carrierName} tracking";
        var before = shipment.Status;
        var added = scans.Count(scan => shipment.FollowCarrier(new CarrierScan(scan.OccurredAt, scan.Kind, scan.CarrierCode, scan.Description, scan.Location), actor));

        if (before == ShipmentEventKind.LabelCreated && shipment.Status != ShipmentEventKind.LabelCreated)
        {
            Follow(order, order.Ship(shipment.Carrier, shipment.TrackingNumber, actor, now), "order.shipped", actor);
            if (order.Status == OrderStatus.Shipped)
            {
                outbox.Add(new OrderShipped(order.Id, order.Number, order.Email, order.Carrier!, order.TrackingNumber!));
            }
        }

        if (before != ShipmentEventKind.Delivered && shipment.Status == ShipmentEventKind.Delivered)
        {
            Follow(order, order.MarkDelivered(actor, now), "order.delivered", actor);
        }

        db.Entry(shipment).Property(PolledAt).CurrentValue = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>
    /// The order follows its parcel through its own state machine. An order that cannot (refunded while the parcel
    /// travelled) keeps its state: the parcel's history is still what the carrier saw, and staff see both.
    /// </summary>
    private void Follow(Order order, Result<bool> moved, string action, string actor)
    {
        if (moved.IsSuccess)
        {
            audit.Record(actor, action, "order", order.Id.ToString(), new { order.Number, After = order.Status.ToString(), Automatic = true });
        }
        else
        {
            logger.LogWarning("Order {OrderNumber} did not follow its parcel: {Reason}", order.Number, moved.Error!.Message);
        }
    }
}
