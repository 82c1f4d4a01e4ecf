using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Shipping;

/// <summary>The label PDF of an order's shipment, drawn from what is stored, so a reprint is the same label.</summary>
public sealed class ShippingLabelService(StoreDbContext db, IOptions<ShopOptions> options)
{
    public async Task<Result<ShippingLabel>> LabelAsync(Guid orderId, CancellationToken ct = default)
    {
        var found = await db.Shipments.AsNoTracking()
            .Where(s => s.OrderId == orderId)
            .Join(db.Orders, s => s.OrderId, o => o.Id, (s, o) => new { Shipment = s, o.Number, o.ShippingAddress })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return DomainError.NotFound("shipment.none", "This order has no shipment yet: start fulfilment to create its label.");
        }

        var to = found.ShippingAddress;
        var recipient = new List<string> { to.Name, to.Line1 };
        if (!string.IsNullOrWhiteSpace(to.Line2))
        {
            recipient.Add(to.Line2);
        }

        recipient.Add(string.Join(" ", new[] { to.City, to.Region, to.PostalCode }.Where(p => !string.IsNullOrWhiteSpace(p))));
        recipient.Add(to.Country);
        var s = found.Shipment;
        return new ShippingLabel(found.Number, [.. options.Value.Address.Lines()], recipient, s.Carrier, s.Service, s.WeightGrams, s.TrackingNumber, s.CreatedAt);
    }

    public async Task<Result<byte[]>> PdfAsync(Guid orderId, CancellationToken ct = default)
    {
        var label = await LabelAsync(orderId, ct);
        return label.IsSuccess ? ShippingLabelPdf.Render(label.Value) : label.Error!;
    }

    /// <summary>What staff print: the carrier's label when one was bought for the parcel, the store's own PDF otherwise.</summary>
    public async Task<Result<PrintableLabel>> PrintableAsync(Guid orderId, CancellationToken ct = default)
    {
        var bought = await db.CarrierLabels.AsNoTracking()
            .Where(l => db.Shipments.Any(s => s.Id == l.ShipmentId && s.OrderId == orderId))
            .Select(l => new { l.Format, l.Content })
            .FirstOrDefaultAsync(ct);
        if (bought is not null)
        {
            return new PrintableLabel(bought.Content, bought.Format == "pdf" ? "application/pdf" : "application/octet-stream", bought.Format);
        }

        var pdf = await PdfAsync(orderId, ct);
        return pdf.IsSuccess ? new PrintableLabel(pdf.Value, "application/pdf", "pdf") : pdf.Error!;
    }
}
