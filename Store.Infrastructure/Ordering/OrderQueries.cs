using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Ordering;

public sealed record OrderSummary(Guid Id, long Number, string Email, OrderStatus Status, long TotalMinor, string Currency, DateTimeOffset PlacedAt, int ItemCount);

public sealed record OrderItemView(string ProductName, string VariantTitle, string Sku, long UnitPriceMinor, int Quantity, long TaxMinor, long LineTotalMinor)
{
    public int BackorderedQuantity { get; init; }

    /// <summary>The regular unit price when sold; above <see cref="UnitPriceMinor"/> when a sale or markdown applied.</summary>
    public long RegularPriceMinor { get; init; }

    /// <summary>Where the unit price came from, kept from the moment of sale ("Sale −20 % until 30 Nov").</summary>
    public string PriceExplanation { get; init; } = "";
    public long DiscountMinor { get; init; }
    public string? DiscountNote { get; init; }
}

/// <summary>A promotion the order used and everything it took off (lines and shipping); <see cref="Released"/> once the order was cancelled unpaid.</summary>
public sealed record OrderPromotionView(string Label, string? Code, long AmountMinor, bool Released)
{
    /// <summary>The label, with the code when the label does not already name it ("Welcome 10 % off (code WELCOME10)").</summary>
    public string Title => Code is { } code && !Label.Contains(code, StringComparison.OrdinalIgnoreCase) ? $"{Label} (code {code})" : Label;
}

public sealed record PaymentSummary(Guid Id, string Provider, PaymentStatus Status, long AmountMinor, string? CardLast4, string? FailureReason, DateTimeOffset CreatedAt);

public sealed record StatusChangeView(OrderStatus? From, OrderStatus To, string Actor, string? Note, DateTimeOffset At);

public sealed record RefundView(long AmountMinor, string Reason, string Actor, DateTimeOffset CreatedAt);

public sealed record DisputeView(string ProviderReference, string Reason, DisputeStatus Status, long AmountMinor, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

public sealed record PickLineView(string Sku, int Quantity);

/// <summary>What one location ships for the order.</summary>
public sealed record PickListView(int LocationId, string Location, IReadOnlyList<PickLineView> Lines);
public sealed record OrderTaxLineView(string ZoneName, decimal RatePercent, long TaxableNetMinor, long TaxMinor)
{
    public string RateText => new Domain.Common.Percent(RatePercent).ToString();
}

public sealed record ShipmentEventView(Domain.Shipping.ShipmentEventKind Kind, DateTimeOffset At, string? Location, string? Note, string Actor);

public sealed record ShipmentView(string Carrier, string Service, string TrackingNumber, long WeightGrams, Domain.Shipping.ShipmentEventKind Status, IReadOnlyList<ShipmentEventView> Events);

public sealed record OrderDetail(
    Guid Id,
    long Number,
    string? CustomerId,
    string Email,
    ShippingAddress ShippingAddress,
    OrderStatus Status,
    string Currency,
    long SubtotalMinor,
    long ShippingMinor,
    long TaxMinor,
    long TotalMinor,
    DateTimeOffset PlacedAt,
    DateTimeOffset? PaidAt,
    IReadOnlyList<OrderItemView> Items,
    IReadOnlyList<PaymentSummary> Payments)
{
    public IReadOnlyList<StatusChangeView> Timeline { get; init; } = [];
    public IReadOnlyList<RefundView> Refunds { get; init; } = [];
    public IReadOnlyList<DisputeView> Disputes { get; init; } = [];
    public IReadOnlyList<PickListView> PickLists { get; init; } = [];
    public IReadOnlyList<OrderPromotionView> Promotions { get; init; } = [];
    public string? Carrier { get; init; }
    public string? ShippingService { get; init; }
    public string? TrackingNumber { get; init; }
    public long RefundedMinor { get; init; }

    /// <summary>The tax per rate kept when the order was placed (empty for orders from before it was kept, or without tax).</summary>
    public IReadOnlyList<OrderTaxLineView> TaxLines { get; init; } = [];
    public ShipmentView? Shipment { get; init; }
    public string? InvoiceNumber { get; init; }

    public IReadOnlyList<OrderStatus> NextSteps => OrderStateMachine.NextFrom(Status);

    /// <summary>The promotions that still count (not given back by a cancellation).</summary>
    public IReadOnlyList<OrderPromotionView> Discounts => Promotions.Where(p => !p.Released).ToList();

    /// <summary>
    /// Items before promotions − promotions + shipping (+ tax when added) = total, for the invoice and the
    /// confirmation. Every promotion the order used counts, given back or not: a cancellation returns the code's use,
    /// not the amounts the order kept.
    /// </summary>
    public OrderStatement Statement => OrderStatement.Of(
        Items.Sum(i => checked(i.UnitPriceMinor * i.Quantity)),
        Items.Sum(i => i.LineTotalMinor),
        Promotions.Sum(p => p.AmountMinor),
        SubtotalMinor,
        TaxMinor,
        TotalMinor);
}

public sealed class OrderQueries(StoreDbContext db)
{
    public async Task<IReadOnlyList<OrderSummary>> ForCustomerAsync(string customerId, CancellationToken ct = default) =>
        await Summaries(db.Orders.Where(o => o.CustomerId == customerId)).Take(200).ToListAsync(ct);

    public async Task<IReadOnlyList<OrderSummary>> RecentAsync(OrderStatus? status, string? search, int take, CancellationToken ct = default)
    {
        var query = db.Orders.AsQueryable();
        if (status is not null)
        {
            query = query.Where(o => o.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().TrimStart('#');
            query = long.TryParse(s, out var number)
                ? query.Where(o => o.Number == number)
                : query.Where(o => EF.Functions.ILike(o.Email, $"%{s}%"));
        }

        return await Summaries(query).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
    }

    public async Task<OrderDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Items).Include(o => o.History).Include(o => o.TaxLines).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return null;
        }

        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.OrderId == id)
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PaymentSummary(p.Id, p.Provider, p.Status, p.AmountMinor, p.CardLast4, p.FailureReason, p.CreatedAt))
            .ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking()
            .Where(r => r.OrderId == id)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new RefundView(r.AmountMinor, r.Reason, r.Actor, r.CreatedAt))
            .ToListAsync(ct);
        var disputes = await db.PaymentDisputes.AsNoTracking()
            .Where(d => d.OrderId == id)
            .OrderBy(d => d.OpenedAt)
            .Select(d => new DisputeView(d.ProviderReference, d.Reason, d.Status, d.AmountMinor, d.OpenedAt, d.ClosedAt))
            .ToListAsync(ct);
        var pickLists = await db.PickLists.AsNoTracking()
            .Where(p => p.OrderId == id)
            .OrderBy(p => p.LocationId)
            .Select(p => new PickListView(
                p.LocationId,
                db.Locations.Where(l => l.Id == p.LocationId).Select(l => l.Name).First(),
                p.Lines.OrderBy(l => l.Sku).Select(l => new PickLineView(l.Sku, l.Quantity)).ToList()))
            .ToListAsync(ct);
        var shipment = await db.Shipments.AsNoTracking().Include(s => s.Events).FirstOrDefaultAsync(s => s.OrderId == id, ct);
        var invoiceNumber = await db.Invoices.AsNoTracking().Where(i => i.OrderId == id).Select(i => i.Number).FirstOrDefaultAsync(ct);
        return new OrderDetail(
            order.Id,
            order.Number,
            order.CustomerId,
            order.Email,
            order.ShippingAddress,
            order.Status,
            order.Currency,
            order.SubtotalMinor,
            order.ShippingMinor,
            order.TaxMinor,
            order.TotalMinor,
            order.PlacedAt,
            order.PaidAt,
            order.Items.OrderBy(i => i.Id).Select(i => new OrderItemView(i.ProductName, i.VariantTitle, i.Sku, i.UnitPriceMinor, i.Quantity, i.TaxMinor, i.LineTotalMinor) { BackorderedQuantity = i.BackorderedQuantity, RegularPriceMinor = i.RegularPriceMinor, PriceExplanation = i.PriceExplanation, DiscountMinor = i.DiscountMinor, DiscountNote = i.DiscountNote }).ToList(),
            payments)
        {
            ShippingService = order.ShippingService,
            Timeline = order.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new StatusChangeView(h.From, h.To, h.Actor, h.Note, h.At)).ToList(),
            Refunds = refunds,
            Disputes = disputes,
            PickLists = pickLists,
            Promotions = await db.PromotionRedemptions.AsNoTracking()
                .Where(r => r.OrderId == id)
                .OrderBy(r => r.PromotionId)
                .Select(r => new OrderPromotionView(r.Label, r.Code, r.AmountMinor, r.ReleasedAt != null))
                .ToListAsync(ct),
            Carrier = order.Carrier,
            TrackingNumber = order.TrackingNumber,
            RefundedMinor = order.RefundedMinor,
            TaxLines = order.TaxLines.OrderByDescending(l => l.RatePercent).ThenBy(l => l.Id).Select(l => new OrderTaxLineView(l.ZoneName, l.RatePercent, l.TaxableNetMinor, l.TaxMinor)).ToList(),
            Shipment = shipment is null ? null : new ShipmentView(
                shipment.Carrier,
                shipment.Service,
                shipment.TrackingNumber,
                shipment.WeightGrams,
                shipment.Status,
                shipment.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new ShipmentEventView(e.Kind, e.At, e.Location, e.Note, e.Actor)).ToList()),
            InvoiceNumber = invoiceNumber,
        };
    }

    private static IQueryable<OrderSummary> Summaries(IQueryable<Order> orders) =>
        orders.AsNoTracking()
            .OrderByDescending(o => o.PlacedAt)
            .Select(o => new OrderSummary(o.Id, o.Number, o.Email, o.Status, o.TotalMinor, o.Currency, o.PlacedAt, o.Items.Sum(i => i.Quantity)));
}
