namespace Store.Infrastructure.Customers;

/// <summary>Everything the store keeps about one account, as "Download my data" hands it over (JSON).</summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    ExportedProfile Profile,
    IReadOnlyList<SavedAddressSummary> Addresses,
    IReadOnlyList<ExportedOrder> Orders,
    IReadOnlyList<ExportedCartLine> Cart,
    IReadOnlyList<ExportedRedemption> PromotionsUsed);

public sealed record ExportedProfile(
    string Id,
    string? Email,
    bool EmailConfirmed,
    string? Name,
    string? PhoneNumber,
    DateTimeOffset CreatedAt,
    string? CustomerGroup,
    bool TwoFactorEnabled,
    IReadOnlyList<string> Roles);

public sealed record ExportedOrder(
    Guid Id,
    long Number,
    string Status,
    DateTimeOffset PlacedAt,
    DateTimeOffset? PaidAt,
    string Email,
    ExportedOrderAddress ShippingAddress,
    string Currency,
    long SubtotalMinor,
    long ShippingMinor,
    long TaxMinor,
    long TotalMinor,
    long RefundedMinor,
    string? ShippingService,
    string? Carrier,
    string? TrackingNumber,
    IReadOnlyList<ExportedOrderLine> Lines,
    IReadOnlyList<ExportedPayment> Payments);

public sealed record ExportedOrderAddress(string Name, string Line1, string? Line2, string City, string? Region, string PostalCode, string Country);

public sealed record ExportedOrderLine(string Sku, string ProductName, string VariantTitle, long UnitPriceMinor, int Quantity, long DiscountMinor, long TaxMinor, long LineTotalMinor);

public sealed record ExportedPayment(string Provider, string Status, long AmountMinor, string Currency, string? CardLast4, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

public sealed record ExportedCartLine(string Sku, string ProductName, int Quantity, DateTimeOffset AddedAt);

public sealed record ExportedRedemption(long OrderNumber, string? Code, string Label, long AmountMinor, string Currency, DateTimeOffset RedeemedAt);
