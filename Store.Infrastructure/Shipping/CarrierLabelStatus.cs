using Store.Domain.Common;

namespace Store.Infrastructure.Shipping;

/// <summary>An order shipped by a carrier's service: whether its label can be bought here, and the label once it is (format, cost, when, by whom).</summary>
public sealed record CarrierLabelStatus(
    string CarrierName,
    string ServiceCode,
    bool CarrierConfigured,
    string? Format,
    Money? Charged,
    DateTimeOffset? BoughtAt,
    string? BoughtBy)
{
    public bool Bought => Format is not null;
}
