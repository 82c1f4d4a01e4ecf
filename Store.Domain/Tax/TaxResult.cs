using Store.Domain.Common;

namespace Store.Domain.Tax;

/// <summary>Tax per item and per rate. <see cref="Total"/> is by construction the sum of the per-item taxes.</summary>
public sealed record TaxResult(IReadOnlyList<ItemTax> Items, IReadOnlyList<TaxBreakdownLine> Breakdown, Money Total);
