using Store.Domain.Common;

namespace Store.Domain.Tax;

/// <summary>What a tax provider needs: where the goods go, how prices are stated, and what to tax.</summary>
public sealed record TaxRequest(string Country, string? Region, string? PostalCode, TaxSettings Settings, IReadOnlyList<TaxableItem> Items, string Currency);
