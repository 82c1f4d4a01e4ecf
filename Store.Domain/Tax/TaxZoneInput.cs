namespace Store.Domain.Tax;

/// <summary>A tax zone as staff type it into the admin form, with the rules it must meet before it is saved.</summary>
public sealed record TaxZoneInput(string? Name, string? Country, string? Region, string? PostalPrefix, decimal StandardRate, decimal ReducedRate, decimal ZeroRate, bool TaxesShipping)
{
    public const decimal MaxRate = 100m;

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            errors[nameof(Name)] = ["A name of 1 to 100 characters is required."];
        }

        if (Country is null || Country.Trim().Length != 2 || !Country.Trim().All(char.IsAsciiLetter))
        {
            errors[nameof(Country)] = ["Country is a two-letter code such as US or DE."];
        }

        if (Region?.Trim().Length > 100)
        {
            errors[nameof(Region)] = ["A region is at most 100 characters."];
        }

        if (PostalPrefix?.Trim().Length > 20)
        {
            errors[nameof(PostalPrefix)] = ["A postal prefix is at most 20 characters."];
        }

        foreach (var (field, rate) in new[] { (nameof(StandardRate), StandardRate), (nameof(ReducedRate), ReducedRate), (nameof(ZeroRate), ZeroRate) })
        {
            if (rate < 0 || rate > MaxRate || decimal.Round(rate, 4) != rate)
            {
                errors[field] = ["A rate is a percentage from 0 to 100 with at most 4 decimals."];
            }
        }

        return errors;
    }

    public string? NormalisedRegion => string.IsNullOrWhiteSpace(Region) ? null : Region.Trim().ToUpperInvariant();

    public string? NormalisedPostalPrefix => string.IsNullOrWhiteSpace(PostalPrefix) ? null : PostalPrefix.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
