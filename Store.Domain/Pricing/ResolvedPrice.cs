using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>The unit price a shopper pays and the explanation to keep with it.</summary>
public sealed record ResolvedPrice(Money UnitPrice, Money BasePrice, PriceExplanation Explanation)
{
    /// <summary>The base price, unchanged by any list or rule.</summary>
    public static ResolvedPrice Regular(Money price) => new(price, price, new PriceExplanation(PriceSource.Base, "Regular price", price));

    public bool IsReduced => UnitPrice.Minor < BasePrice.Minor;
}
