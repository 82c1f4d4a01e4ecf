namespace Store.Infrastructure.Settings;

/// <summary>The first-run answers. The business address is also the first location's ship-from address; its country is the home country.</summary>
public sealed record SetupRequest(
    string? OwnerEmail,
    string? OwnerPassword,
    string? StoreName,
    string? ContactEmail,
    string? Line1,
    string? Line2,
    string? City,
    string? Region,
    string? PostalCode,
    string? Country,
    string? Currency,
    bool PricesIncludeTax,
    string? LocationCode,
    string? LocationName,
    bool ApplyTaxAndShippingPresets);
