namespace Store.Domain.Ordering;

/// <summary>
/// How an order ships and is taxed, as checkout quoted it: the chosen service, the tax on the shipping charge, and
/// whether the prices it was given include tax (then the order's subtotal and shipping are stated net of it).
/// </summary>
public sealed record OrderShipping(string? Service, long TaxMinor, bool PricesIncludeTax);
