using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>
/// A dynamic pricing rule an owner configures as data, not code: mark down slow movers by <see cref="Off"/> while
/// stock is above <see cref="StockAbove"/> and nothing sold for <see cref="DaysWithoutSale"/> days. The rule is
/// evaluated against current stock each time a price is resolved, so the markdown ends by itself once stock falls
/// to the threshold. Null product/category means every variant.
/// </summary>
public sealed record MarkdownRule(string Name, Percent Off, int StockAbove, int DaysWithoutSale, int? ProductId = null, int? CategoryId = null)
{
    public bool AppliesTo(PriceRequest request, DateTimeOffset now) =>
        (ProductId is null || ProductId == request.ProductId)
        && (CategoryId is null || CategoryId == request.CategoryId)
        && request.Stock > StockAbove
        && (request.LastSoldAt is null || now - request.LastSoldAt.Value >= TimeSpan.FromDays(DaysWithoutSale));
}
