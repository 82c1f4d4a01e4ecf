using Store.Domain.Common;
using Store.Domain.Tax;

namespace Store.Infrastructure.Tax;

/// <summary>
/// A tax zone as the owner keeps it: one row per place, one column per tax class, so a rate change is one UPDATE and
/// the table reads like the rate sheet it is copied from.
/// </summary>
public sealed class StoredTaxZone
{
    private StoredTaxZone()
    {
    }

    public StoredTaxZone(string name, string country, string? region, string? postalPrefix, decimal standardRate, decimal reducedRate, bool taxesShipping)
    {
        Name = name;
        Country = country;
        Region = region;
        PostalPrefix = postalPrefix;
        StandardRate = standardRate;
        ReducedRate = reducedRate;
        TaxesShipping = taxesShipping;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Country { get; private set; } = "";
    public string? Region { get; private set; }
    public string? PostalPrefix { get; private set; }
    public decimal StandardRate { get; private set; }
    public decimal ReducedRate { get; private set; }
    public decimal ZeroRate { get; private set; }
    public bool TaxesShipping { get; private set; }

    /// <summary>Takes the values of a validated admin form (<see cref="TaxZoneInput.Validate"/> found nothing).</summary>
    public void Update(TaxZoneInput input)
    {
        Name = input.Name!.Trim();
        Country = input.Country!.Trim().ToUpperInvariant();
        Region = input.NormalisedRegion;
        PostalPrefix = input.NormalisedPostalPrefix;
        StandardRate = input.StandardRate;
        ReducedRate = input.ReducedRate;
        ZeroRate = input.ZeroRate;
        TaxesShipping = input.TaxesShipping;
    }

    public TaxZone ToDomain() => new(
        Name,
        new GeoArea(Country, Region, PostalPrefix),
        new Dictionary<TaxClass, Percent>
        {
            [TaxClass.Standard] = new(StandardRate),
            [TaxClass.Reduced] = new(ReducedRate),
            [TaxClass.Zero] = new(ZeroRate),
        },
        TaxesShipping);
}
