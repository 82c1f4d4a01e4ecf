using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>
/// The facts about one variant in one cart line. <see cref="FloorPrice"/> is the lowest unit price any list or rule
/// may produce (cost plus margin, or a MAP agreement); null means zero.
/// </summary>
public sealed record PriceRequest(
    int VariantId,
    int ProductId,
    int? CategoryId,
    Money BasePrice,
    Money? FloorPrice,
    int Quantity,
    string? CustomerGroup,
    int Stock,
    DateTimeOffset? LastSoldAt);
