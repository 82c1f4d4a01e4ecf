using Store.Domain.Common;

namespace Store.Domain.Tax;

/// <summary>
/// A place with its rates per class. A class missing from <see cref="Rates"/> is taxed at zero. When several zones
/// contain an address the most specific wins (postal prefix over region over country), ties by name.
/// <see cref="TaxesShipping"/> is per zone because it differs: Germany taxes delivery, California does not when it is
/// stated separately.
/// </summary>
public sealed record TaxZone(string Name, GeoArea Area, IReadOnlyDictionary<TaxClass, Percent> Rates, bool TaxesShipping)
{
    public Percent RateFor(TaxClass taxClass) => Rates.TryGetValue(taxClass, out var rate) ? rate : Percent.Zero;
}
