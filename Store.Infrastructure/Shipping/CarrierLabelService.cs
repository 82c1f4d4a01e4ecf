using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Shipping.Carriers;

namespace Store.Infrastructure.Shipping;

/// <summary>
/// Buys the carrier's label for an order whose shipping method was a carrier's live rate ("ups:03"), once. The order
/// row is locked for the whole purchase, the carrier's call included: a second click, another instance or the
/// automatic step waits, then finds the label and buys nothing. The label, the carrier's tracking number on the
/// shipment and the audit entry are saved together, after the carrier answered; a carrier that refuses or does not
/// answer leaves nothing behind but its message.
/// </summary>
public sealed class CarrierLabelService(
    StoreDbContext db,
    IEnumerable<IShippingCarrier> carriers,
    CarrierHealth health,
    AuditLog audit,
    IOptionsMonitor<ShopOptions> shop,
    IOptionsMonitor<CarrierOptions> carrierOptions,
    IClock clock,
    ILogger<CarrierLabelService> logger)
{
    /// <summary>The carrier selling labels for a method id, when the id names a configured carrier's service.</summary>
    public ICarrierLabels? SellerFor(string? methodId) =>
        Split(methodId) is { } method
            ? carriers.OfType<ICarrierLabels>().FirstOrDefault(c => c.IsConfigured && string.Equals(c.Code, method.Carrier, StringComparison.Ordinal))
            : null;

    /// <summary>"ups:03" → (ups, 03); a rate table's method (a slug, never a colon) is null.</summary>
    public static (string Carrier, string Service)? Split(string? methodId)
    {
        var colon = methodId?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && colon < methodId!.Length - 1 ? (methodId[..colon], methodId[(colon + 1)..]) : null;
    }

    public Task<Result<CarrierLabelBought>> BuyAsync(Guid orderId, string actor, CancellationToken ct = default)
    {
        // Kept across replays of the unit: a transaction that fails after the carrier sold the label saves that label
        // on the next attempt instead of buying another.
        CarrierLabel? sold = null;
        return db.RetriableAsync(token => BuyOnceAsync(orderId, actor, () => sold, label => sold = label, token), ct);
    }

    /// <summary>What the order page shows about the carrier label: whether one can be bought, and the one bought.</summary>
    public async Task<CarrierLabelStatus?> StatusAsync(Guid orderId, CancellationToken ct = default)
    {
        var methodId = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.ShippingMethodId).FirstOrDefaultAsync(ct);
        if (Split(methodId) is not { } method)
        {
            return null;
        }

        var bought = await db.CarrierLabels.AsNoTracking()
            .Where(l => db.Shipments.Any(s => s.Id == l.ShipmentId && s.OrderId == orderId))
            .Select(l => new { l.Format, l.ChargedMinor, l.Currency, l.BoughtAt, l.BoughtBy })
            .FirstOrDefaultAsync(ct);
        var seller = SellerFor(methodId);
        return new CarrierLabelStatus(
            seller?.Name ?? method.Carrier.ToUpperInvariant(),
            method.Service,
            seller is not null,
            bought?.Format,
            bought?.ChargedMinor is { } charged && bought.Currency is { } currency ? new Money(charged, currency) : null,
            bought?.BoughtAt,
            bought?.BoughtBy);
    }

    private async Task<Result<CarrierLabelBought>> BuyOnceAsync(
        Guid orderId, string actor, Func<CarrierLabel?> sold, Action<CarrierLabel> keep, CancellationToken ct)
    {
        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);

        // The order's row, as every staff action on an order takes it first: purchases of one order queue up here.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return DomainError.NotFound("order.unknown", "No such order.");
        }

        var shipment = await db.Shipments.FirstOrDefaultAsync(s => s.OrderId == orderId, ct);
        if (shipment is null)
        {
            return DomainError.Conflict("shipment.none", "Start fulfilment first: the label is bought for the order's shipment.");
        }

        if (await db.CarrierLabels.AsNoTracking().FirstOrDefaultAsync(l => l.ShipmentId == shipment.Id, ct) is { } existing)
        {
            return new CarrierLabelBought(existing.Carrier, existing.TrackingNumber, existing.Format, AlreadyBought: true);
        }

        var carrier = SellerFor(order.ShippingMethodId);
        if (carrier is null)
        {
            return DomainError.Conflict("shipment.carrier_label", Split(order.ShippingMethodId) is null
                ? "This order ships by one of the store's own methods: print the store's label."
                : $"The carrier of '{order.ShippingMethodId}' is not configured: print the store's label.");
        }

        if (shipment.Status != ShipmentEventKind.LabelCreated)
        {
            return DomainError.Conflict("shipment.carrier_label", "The parcel has left already: a carrier label is bought before it ships.");
        }

        var label = sold();
        if (label is null)
        {
            var bought = await AskCarrierAsync(carrier, Request(order, shipment, Split(order.ShippingMethodId)!.Value.Service), ct);
            if (!bought.IsSuccess)
            {
                return bought.Error!;
            }

            label = bought.Value;
            keep(label);
        }

        var attached = shipment.UseCarrierLabel(carrier.Code, label.TrackingNumber);
        if (!attached.IsSuccess)
        {
            logger.LogError("{Carrier} sold a label for order {OrderId} with tracking number {TrackingNumber}, which the store cannot use: {Reason}", carrier.Name, orderId, label.TrackingNumber, attached.Error!.Message);
            return attached.Error!;
        }

        var (format, content) = Printable(label, $"{carrier.Name} label {label.TrackingNumber}");
        var service = Split(order.ShippingMethodId)!.Value.Service;
        db.CarrierLabels.Add(new StoredCarrierLabel(shipment.Id, carrier.Code, service, shipment.TrackingNumber, format, content, label.ChargedMinor, label.Currency, actor, clock.UtcNow));
        audit.Record(actor, "shipment.label_bought", "order", order.Id.ToString(), new { order.Number, Carrier = carrier.Code, Service = service, shipment.TrackingNumber, label.ChargedMinor, label.Currency });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CarrierLabelBought(carrier.Code, shipment.TrackingNumber, format, AlreadyBought: false);
    }

    private CarrierLabelRequest Request(Domain.Ordering.Order order, Shipment shipment, string serviceCode)
    {
        var from = shop.CurrentValue.Address;
        var to = order.ShippingAddress;
        return new CarrierLabelRequest(
            serviceCode,
            new CarrierAddress(from.Country, from.Region, from.PostalCode, from.City, Join(from.Line1, from.Line2), string.IsNullOrWhiteSpace(from.Name) ? shop.CurrentValue.Name : from.Name),
            new CarrierAddress(to.Country, to.Region, to.PostalCode, to.City, Join(to.Line1, to.Line2), to.Name),
            shipment.WeightGrams,
            $"Order {order.Number}",
            // Derived from the shipment, not drawn per call: every attempt for one parcel names the same purchase.
            shipment.Id.ToString("N"));
    }

    private async Task<Result<CarrierLabel>> AskCarrierAsync(ICarrierLabels carrier, CarrierLabelRequest request, CancellationToken ct)
    {
        var timeout = carrierOptions.CurrentValue.LabelTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var label = await carrier.BuyLabelAsync(request, deadline.Token);
            health.Succeeded(carrier.Code);
            return label;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var why = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : CarrierErrors.Describe(e);
            logger.LogWarning(e, "{Carrier} did not sell a label for {Reference}: {Reason}", carrier.Name, request.Reference, why);
            health.Failed(carrier.Code, $"Label: {why}");

            // A refusal (the address, the service) stays a refusal; a carrier busy, down or slow may answer next time.
            var status = e.GetType().GetProperty("StatusCode")?.GetValue(e) as int?;
            return status is >= 400 and < 500 and not 401 and not 408 and not 429
                ? DomainError.Conflict("shipment.carrier_label", $"{carrier.Name} refused the label ({why}). Nothing was bought or saved.")
                : DomainError.Unavailable("shipment.carrier_label", $"{carrier.Name} did not sell the label ({why}). Nothing was bought or saved; try again.");
        }
    }

    // Images become a 4 × 6 PDF so every printer takes them; printer languages (ZPL) are kept as the carrier sent them.
    private static (string Format, byte[] Content) Printable(CarrierLabel label, string title) =>
        label.Format.ToLowerInvariant() switch
        {
            "gif" or "png" => ("pdf", CarrierLabelPdf.FromImage(label.Content, title)),
            var other => (other, label.Content),
        };

    private static string Join(string line1, string? line2) =>
        string.IsNullOrWhiteSpace(line2) ? line1 : $"{line1}, {line2.Trim()}";
}
