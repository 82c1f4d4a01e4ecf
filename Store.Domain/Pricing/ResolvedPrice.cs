using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>The unit price a shopper pays and the explanation to keep with it.</summary>
public sealed record ResolvedPrice(Money UnitPrice, Money BasePrice, PriceExplanation Explanation);
