namespace Store.Infrastructure.Tax;

/// <summary>
/// One line of the preset rate sheet: a country (or a US state as its region) with the rates the store charges there.
/// <see cref="Reduced"/> is the one reduced rate the store's Reduced tax class is charged at (countries have up to
/// three; the table notes which one was taken); where a country has none it equals <see cref="Standard"/>.
/// </summary>
public sealed record TaxRatePreset(string Country, string? Region, string Name, decimal Standard, decimal Reduced, bool TaxesShipping, string? Note = null);
