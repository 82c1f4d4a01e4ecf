namespace Store.Infrastructure.Shipping;

/// <summary>What goes on a shipping label. Addresses are lines ready to print, top to bottom.</summary>
public sealed record ShippingLabel(
    long OrderNumber,
    IReadOnlyList<string> Sender,
    IReadOnlyList<string> Recipient,
    string Carrier,
    string Service,
    long WeightGrams,
    string TrackingNumber,
    DateTimeOffset CreatedAt);
