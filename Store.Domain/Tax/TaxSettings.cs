namespace Store.Domain.Tax;

/// <summary>
/// The store's tax setting. <see cref="PricesIncludeTax"/> true is VAT style (the shelf price is what the shopper
/// pays and tax is extracted from it); false is US style (tax is added on top). Shipping is taxed at
/// <see cref="ShippingTaxClass"/> in zones that tax it.
/// </summary>
public sealed record TaxSettings(bool PricesIncludeTax, TaxClass ShippingTaxClass = TaxClass.Standard);
