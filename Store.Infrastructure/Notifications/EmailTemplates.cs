using System.Net;
using System.Text;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Ordering;

namespace Store.Infrastructure.Notifications;

/// <summary>
/// The store's emails, each as a subject, a plain-text part and an HTML part. Plain C# over small models, so they
/// are tested without a database or a mail server. Every value that comes from data (product names, addresses,
/// reasons, carriers) is HTML-encoded in the HTML part: a product named "&lt;script&gt;" stays text.
/// Amounts are written in <paramref name="culture"/> (the store's, from <see cref="Common.MoneyFormatter"/>).
/// </summary>
public sealed class EmailTemplates(string storeName, string publicBaseUrl, System.Globalization.CultureInfo? culture = null)
{
    public EmailContent OrderConfirmation(OrderEmailModel order)
    {
        var subject = $"Your {storeName} order #{order.Number} is confirmed";
        var orderUrl = Link($"/orders/{order.OrderId}/confirmation");

        var statement = order.Statement;
        var text = new StringBuilder()
            .AppendLine($"Hi {order.ShipTo.Name},")
            .AppendLine()
            .AppendLine($"Thank you for your order #{order.Number}. We have your payment and will let you know when it ships.")
            .AppendLine();
        foreach (var line in order.Lines)
        {
            text.AppendLine($"  {line.ProductName} — {line.VariantTitle} (SKU {line.Sku})")
                .AppendLine($"    {line.Quantity} × {Price(line.UnitPriceMinor, order.Currency)}{(line.PriceNote is { } note ? $" ({note})" : "")}{(line.DiscountMinor > 0 ? $" − {Price(line.DiscountMinor, order.Currency)} ({line.DiscountNote})" : "")} = {Price(line.LineTotalMinor, order.Currency)}");
        }

        text.AppendLine()
            .AppendLine($"Items:    {Price(statement.ItemsMinor, order.Currency)}");
        foreach (var discount in order.Discounts)
        {
            text.AppendLine($"{DiscountLabel(discount)}: −{Price(discount.AmountMinor, order.Currency)}");
        }

        text.AppendLine($"Shipping: {Price(statement.ShippingMinor, order.Currency)}")
            .AppendLine($"{TaxTitle(statement)}:      {Price(order.TaxMinor, order.Currency)}");
        foreach (var tax in order.TaxLines)
        {
            text.AppendLine($"  {TaxLabel(tax, order.Currency)}: {Price(tax.TaxMinor, order.Currency)}");
        }

        text
            .AppendLine($"Total:    {Price(order.TotalMinor, order.Currency)}")
            .AppendLine()
            .AppendLine("Shipping to:");
        foreach (var addressLine in AddressLines(order.ShipTo))
        {
            text.AppendLine(addressLine);
        }

        text.AppendLine().AppendLine($"Your order: {orderUrl}");

        var html = new StringBuilder()
            .Append($"<p>Hi {E(order.ShipTo.Name)},</p>")
            .Append($"<p>Thank you for your order <strong>#{order.Number}</strong>. We have your payment and will let you know when it ships.</p>")
            .Append("<table cellpadding=\"6\" cellspacing=\"0\" style=\"border-collapse:collapse;width:100%\">")
            .Append("<thead><tr style=\"text-align:left;border-bottom:1px solid #ccc\"><th>Item</th><th>SKU</th><th style=\"text-align:right\">Qty</th><th style=\"text-align:right\">Price</th><th style=\"text-align:right\">Total</th></tr></thead><tbody>");
        foreach (var line in order.Lines)
        {
            html.Append($"<tr><td>{E(line.ProductName)}<br><small>{E(line.VariantTitle)}</small></td><td>{E(line.Sku)}</td>")
                .Append($"<td style=\"text-align:right\">{line.Quantity}</td><td style=\"text-align:right\">{E(Price(line.UnitPriceMinor, order.Currency))}{(line.PriceNote is { } note ? $"<br><small>{E(note)}</small>" : "")}</td>")
                .Append($"<td style=\"text-align:right\">{E(Price(line.LineTotalMinor, order.Currency))}{(line.DiscountMinor > 0 ? $"<br><small>−{E(Price(line.DiscountMinor, order.Currency))} {E(line.DiscountNote)}</small>" : "")}</td></tr>");
        }

        html.Append("</tbody><tfoot>")
            .Append(TotalRow("Items", Price(statement.ItemsMinor, order.Currency)));
        foreach (var discount in order.Discounts)
        {
            html.Append(TotalRow(DiscountLabel(discount), "−" + Price(discount.AmountMinor, order.Currency)));
        }

        html.Append(TotalRow("Shipping", Price(statement.ShippingMinor, order.Currency)))
            .Append(TotalRow(TaxTitle(statement), Price(order.TaxMinor, order.Currency)));
        foreach (var tax in order.TaxLines)
        {
            html.Append(TotalRow(TaxLabel(tax, order.Currency), Price(tax.TaxMinor, order.Currency)));
        }

        html.Append(TotalRow("Total", Price(order.TotalMinor, order.Currency), strong: true))
            .Append("</tfoot></table>")
            .Append("<h2 style=\"font-size:16px\">Shipping to</h2><p>")
            .AppendJoin("<br>", AddressLines(order.ShipTo).Select(E))
            .Append("</p>")
            .Append(Button("View your order", orderUrl));

        return new EmailContent(subject, Text(text), Html(subject, html));
    }

    public EmailContent PaymentFailed(PaymentFailedEmailModel model)
    {
        var subject = $"Payment for your {storeName} order #{model.Number} did not go through";
        var payUrl = Link($"/orders/{model.OrderId}/pay");
        var total = Price(model.TotalMinor, model.Currency);

        var text = new StringBuilder()
            .AppendLine($"Hi {model.CustomerName},")
            .AppendLine()
            .AppendLine($"We could not take the payment of {total} for your order #{model.Number}: {model.Reason}")
            .AppendLine("We are holding your items for a while. You can try again, with the same card or another one:")
            .AppendLine()
            .AppendLine(payUrl);

        var html = new StringBuilder()
            .Append($"<p>Hi {E(model.CustomerName)},</p>")
            .Append($"<p>We could not take the payment of <strong>{E(total)}</strong> for your order <strong>#{model.Number}</strong>: {E(model.Reason)}</p>")
            .Append("<p>We are holding your items for a while. You can try again, with the same card or another one.</p>")
            .Append(Button("Try the payment again", payUrl));

        return new EmailContent(subject, Text(text), Html(subject, html));
    }

    public EmailContent OrderShipped(OrderShippedEmailModel model)
    {
        var subject = $"Your {storeName} order #{model.Number} is on its way";
        var trackingUrl = Link($"/track/{Uri.EscapeDataString(model.TrackingNumber)}");

        var text = new StringBuilder()
            .AppendLine($"Hi {model.CustomerName},")
            .AppendLine()
            .AppendLine($"Your order #{model.Number} has shipped with {model.Carrier}.")
            .AppendLine($"Tracking number: {model.TrackingNumber}")
            .AppendLine($"Track it: {trackingUrl}")
            .AppendLine()
            .AppendLine($"Your order: {Link($"/orders/{model.OrderId}/confirmation")}");

        var html = new StringBuilder()
            .Append($"<p>Hi {E(model.CustomerName)},</p>")
            .Append($"<p>Your order <strong>#{model.Number}</strong> has shipped with {E(model.Carrier)}.</p>")
            .Append($"<p>Tracking number: <strong>{E(model.TrackingNumber)}</strong></p>")
            .Append(Button("Track your parcel", trackingUrl));

        return new EmailContent(subject, Text(text), Html(subject, html));
    }

    public EmailContent RefundIssued(RefundIssuedEmailModel model)
    {
        var refunded = Price(model.RefundedMinor, model.Currency);
        var remaining = Price(model.RemainingMinor, model.Currency);
        var subject = $"Refund of {refunded} for your {storeName} order #{model.Number}";

        var text = new StringBuilder()
            .AppendLine($"Hi {model.CustomerName},")
            .AppendLine()
            .AppendLine($"We have refunded {refunded} for your order #{model.Number}. Your bank may take a few days to show it.")
            .AppendLine($"Paid for the order after this refund: {remaining}");

        var html = new StringBuilder()
            .Append($"<p>Hi {E(model.CustomerName)},</p>")
            .Append($"<p>We have refunded <strong>{E(refunded)}</strong> for your order <strong>#{model.Number}</strong>. Your bank may take a few days to show it.</p>")
            .Append($"<p>Paid for the order after this refund: {E(remaining)}</p>");

        return new EmailContent(subject, Text(text), Html(subject, html));
    }

    public EmailContent LowStockAlert(LowStockAlertModel model)
    {
        var subject = $"[{storeName}] Low stock: {model.Lines.Count} {(model.Lines.Count == 1 ? "item" : "items")} at or below the reorder point";
        var inventoryUrl = Link("/admin/inventory");

        var text = new StringBuilder()
            .AppendLine("These items are at or below their reorder point:")
            .AppendLine();
        foreach (var line in model.Lines)
        {
            text.AppendLine($"  {line.Sku}  {line.ProductName} at {line.Location}: {line.Available} available (reorder point {line.ReorderPoint})");
        }

        text.AppendLine().AppendLine($"Inventory: {inventoryUrl}");

        var html = new StringBuilder()
            .Append("<p>These items are at or below their reorder point:</p>")
            .Append("<table cellpadding=\"6\" cellspacing=\"0\" style=\"border-collapse:collapse;width:100%\">")
            .Append("<thead><tr style=\"text-align:left;border-bottom:1px solid #ccc\"><th>SKU</th><th>Product</th><th>Location</th><th style=\"text-align:right\">Available</th><th style=\"text-align:right\">Reorder point</th></tr></thead><tbody>");
        foreach (var line in model.Lines)
        {
            html.Append($"<tr><td>{E(line.Sku)}</td><td>{E(line.ProductName)}</td><td>{E(line.Location)}</td>")
                .Append($"<td style=\"text-align:right\">{line.Available}</td><td style=\"text-align:right\">{line.ReorderPoint}</td></tr>");
        }

        html.Append("</tbody></table>").Append(Button("Open the inventory", inventoryUrl));
        return new EmailContent(subject, Text(text), Html(subject, html));
    }

    /// <summary>To staff: a payment was disputed, or a dispute decided; they answer it in the provider's dashboard.</summary>
    public EmailContent DisputeAlert(PaymentDisputed dispute)
    {
        var opened = dispute.Status == "Open";
        var subject = opened
            ? $"[{storeName}] Payment disputed: order #{dispute.Number} ({Price(dispute.AmountMinor, dispute.Currency)}, {dispute.Reason})"
            : $"[{storeName}] Dispute {dispute.Status.ToLowerInvariant()}: order #{dispute.Number}";
        var orderUrl = Link($"/admin/orders/{dispute.OrderId}");
        var what = opened
            ? $"The cardholder's bank disputes the payment of order #{dispute.Number}: {Price(dispute.AmountMinor, dispute.Currency)}, reason \"{dispute.Reason}\". Answer it with evidence in the payment provider's dashboard before its deadline."
            : $"The dispute of order #{dispute.Number} ({Price(dispute.AmountMinor, dispute.Currency)}) was decided: {dispute.Status.ToLowerInvariant()}.";
        var text = new StringBuilder()
            .AppendLine(what)
            .AppendLine($"Dispute: {dispute.DisputeId}")
            .AppendLine()
            .AppendLine($"Order: {orderUrl}");
        var html = new StringBuilder()
            .Append($"<p>{E(what)}</p>")
            .Append($"<p>Dispute: {E(dispute.DisputeId)}</p>")
            .Append(Button("Open the order", orderUrl));
        return new EmailContent(subject, Text(text), Html(subject, html));
    }

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    private readonly MoneyFormat money = MoneyFormat.For(culture ?? System.Globalization.CultureInfo.InvariantCulture);

    private string Price(long minor, string currency) => money.Format(minor, currency);

    private string TaxLabel(OrderTaxLineView tax, string currency) =>
        $"{tax.ZoneName} {tax.RateText} on {Price(tax.TaxableNetMinor, currency)}";

    private static string DiscountLabel(OrderPromotionView discount) => $"Discount {discount.Title}";

    private static string TaxTitle(OrderStatement statement) => statement.TaxIncluded ? "Tax included" : "Tax";

    private static IEnumerable<string> AddressLines(ShippingAddress address)
    {
        yield return address.Name;
        yield return address.Line1;
        if (!string.IsNullOrWhiteSpace(address.Line2))
        {
            yield return address.Line2;
        }

        yield return string.Join(" ", new[] { address.City, address.Region, address.PostalCode }.Where(p => !string.IsNullOrWhiteSpace(p)));
        yield return address.Country;
    }

    private static string TotalRow(string label, string value, bool strong = false) =>
        strong
            ? $"<tr><td colspan=\"4\" style=\"text-align:right\"><strong>{E(label)}</strong></td><td style=\"text-align:right\"><strong>{E(value)}</strong></td></tr>"
            : $"<tr><td colspan=\"4\" style=\"text-align:right\">{E(label)}</td><td style=\"text-align:right\">{E(value)}</td></tr>";

    private static string Button(string label, string url) =>
        $"<p><a href=\"{E(url)}\" style=\"display:inline-block;padding:10px 16px;background:#1f4b99;color:#fff;text-decoration:none;border-radius:4px\">{E(label)}</a></p>";

    private string Link(string path) => publicBaseUrl.TrimEnd('/') + path;

    private string Text(StringBuilder body) =>
        body.AppendLine().AppendLine("— " + storeName).ToString();

    private string Html(string title, StringBuilder body) =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + E(title) + "</title></head>"
        + "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;max-width:640px;margin:0 auto;padding:16px\">"
        + $"<h1 style=\"font-size:20px\">{E(storeName)}</h1>"
        + body
        + $"<p style=\"color:#777;font-size:12px\">{E(storeName)}</p></body></html>";
}
