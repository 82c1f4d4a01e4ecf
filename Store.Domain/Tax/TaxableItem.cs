using Store.Domain.Common;

namespace Store.Domain.Tax;

/// <summary>One amount to tax: a line after its discounts, or the shipping charge. Key ties the result back.</summary>
public sealed record TaxableItem(string Key, TaxClass TaxClass, Money Amount, bool IsShipping = false);
