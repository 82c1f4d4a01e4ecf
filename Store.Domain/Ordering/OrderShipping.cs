namespace Store.Domain.Ordering;

/// <summary>
/// How an order ships and is taxed, as checkout quoted it: the chosen service, the tax on the shipping charge, and
/// whether the prices it was given include tax (then the order's subtotal and shipping are stated net of it).
/// <see cref="MethodId"/> is the quote's method id ("ups:03" for a carrier's live rate, a slug for a rate table).
/// </summary>
public sealed record OrderShipping(string? Service, long TaxMinor, bool PricesIncludeTax, string? MethodId = null);
