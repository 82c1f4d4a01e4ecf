using Store.Domain.Common;

namespace Store.Domain.Tax;

/// <summary>The tax on one item. <see cref="Net"/> is the amount without tax, whichever way prices are stated.</summary>
public sealed record ItemTax(string Key, Percent Rate, Money Net, Money Tax, string? ZoneName);
