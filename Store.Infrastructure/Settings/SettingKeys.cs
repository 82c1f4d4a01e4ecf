using System.Globalization;
using Store.Infrastructure.Common;

namespace Store.Infrastructure.Settings;

/// <summary>The settings the owner edits, by their configuration path under "Store:" (environment: Store__Address__City).</summary>
public static class SettingKeys
{
    public const string Name = "Name";
    public const string Tagline = "Tagline";
    public const string ContactEmail = "ContactEmail";
    public const string Currency = "Currency";
    public const string PricesIncludeTax = "PricesIncludeTax";
    public const string HomeCountry = "HomeCountry";
    public const string Culture = "Culture";
    public const string RefuseUncoveredAddresses = "Tax:RefuseUncoveredAddresses";
    public const string RequireTwoFactorForStaff = "Staff:RequireTwoFactor";
    public const string RequireConfirmedEmail = "Customers:RequireConfirmedEmail";
    public const string AddressLine1 = "Address:Line1";
    public const string AddressLine2 = "Address:Line2";
    public const string AddressCity = "Address:City";
    public const string AddressRegion = "Address:Region";
    public const string AddressPostalCode = "Address:PostalCode";
    public const string AddressCountry = "Address:Country";
    public const string AddressTaxId = "Address:TaxId";

    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        (Name, "Store name"),
        (Tagline, "Tagline (under the name on the home page; may be empty)"),
        (ContactEmail, "Contact email"),
        (Currency, "Currency"),
        (PricesIncludeTax, "Prices include tax"),
        (HomeCountry, "Home country"),
        (Culture, "Culture for amounts and numbers (e.g. en-US, de-DE; empty: the home country's usual one)"),
        (RefuseUncoveredAddresses, "Refuse checkout to addresses no tax zone covers"),
        (RequireTwoFactorForStaff, "Require two-factor sign-in for staff"),
        (RequireConfirmedEmail, "Customers must confirm their email before they can check out with an account"),
        (AddressLine1, "Address line 1"),
        (AddressLine2, "Address line 2"),
        (AddressCity, "City"),
        (AddressRegion, "State or region"),
        (AddressPostalCode, "Postal code"),
        (AddressCountry, "Country"),
        (AddressTaxId, "Tax ID (VAT or sales tax registration)"),
    ];

    public static bool IsKnown(string key) => All.Any(k => k.Key == key);

    /// <summary>The settings shown as a switch (true/false) rather than a text field.</summary>
    public static bool IsSwitch(string key) => key is PricesIncludeTax or RefuseUncoveredAddresses or RequireTwoFactorForStaff or RequireConfirmedEmail;

    /// <summary>The value in force for <paramref name="key"/>, as text in the form configuration uses.</summary>
    public static string Read(ShopOptions o, string key) => key switch
    {
        Name => o.Name,
        Tagline => o.Tagline,
        ContactEmail => o.ContactEmail,
        Currency => o.Currency,
        PricesIncludeTax => o.PricesIncludeTax ? "true" : "false",
        HomeCountry => o.HomeCountry,
        Culture => o.Culture ?? "",
        RefuseUncoveredAddresses => Format(o.Tax.RefuseUncoveredAddresses),
        RequireTwoFactorForStaff => Format(o.Staff.RequireTwoFactor),
        RequireConfirmedEmail => Format(o.Customers.RequireConfirmedEmail),
        AddressLine1 => o.Address.Line1,
        AddressLine2 => o.Address.Line2 ?? "",
        AddressCity => o.Address.City,
        AddressRegion => o.Address.Region ?? "",
        AddressPostalCode => o.Address.PostalCode,
        AddressCountry => o.Address.Country,
        AddressTaxId => o.Address.TaxId ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a store setting."),
    };

    public static string Format(bool value) => value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
}
