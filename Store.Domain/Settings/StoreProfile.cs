using Store.Domain.Common;

namespace Store.Domain.Settings;

/// <summary>
/// Who the store is: the answers of the first-run setup and of the settings page, checked once here whichever
/// surface (setup form, settings page, environment) they came from.
/// </summary>
public sealed record StoreProfile(string Name, string ContactEmail, string Currency, bool PricesIncludeTax, string HomeCountry)
{
    /// <summary>The currencies the setup and settings pages offer (prices are kept in each one's minor units, see <see cref="Store.Domain.Common.Currencies"/>).</summary>
    public static readonly IReadOnlyList<string> Currencies =
    [
        "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN",
        "MXN", "BRL", "ZAR", "INR", "SGD", "HKD", "JPY",
    ];

    public static Result<StoreProfile> Create(string? name, string? contactEmail, string? currency, bool pricesIncludeTax, string? homeCountry)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return DomainError.Invalid("store.name", "The store's name has 1 to 100 characters.");
        }

        if (!IsEmail(contactEmail))
        {
            return DomainError.Invalid("store.contact-email", "Give an email address shoppers can write to.");
        }

        var code = (currency ?? "").Trim().ToUpperInvariant();
        if (!Currencies.Contains(code))
        {
            return DomainError.Invalid("store.currency", $"Choose one of: {string.Join(", ", Currencies)}.");
        }

        var country = (homeCountry ?? "").Trim().ToUpperInvariant();
        if (!IsCountryCode(country))
        {
            return DomainError.Invalid("store.home-country", "The home country is a two-letter code such as US or DE.");
        }

        return new StoreProfile(name.Trim(), contactEmail!.Trim(), code, pricesIncludeTax, country);
    }

    public static bool IsEmail(string? value)
    {
        var email = (value ?? "").Trim();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= 256 && at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }

    /// <summary>An ISO 3166-1 alpha-2 code the platform knows (two letters such as ZZ are not a country).</summary>
    public static bool IsCountryCode(string? value)
    {
        if (value is not { Length: 2 } || !value.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        try
        {
            return new System.Globalization.RegionInfo(value).TwoLetterISORegionName == value;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
