using Store.Domain.Common;

namespace Store.Domain.Tax;

/// <summary>One row of the breakdown on a cart, order or invoice: "VAT 19 % on €84.03: €15.97".</summary>
public sealed record TaxBreakdownLine(string ZoneName, Percent Rate, Money TaxableNet, Money Tax);
