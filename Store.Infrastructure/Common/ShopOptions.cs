namespace Store.Infrastructure.Common;

public sealed class ShopOptions
{
    public const string Section = "Store";

    public string Name { get; set; } = "Northwind Outfitters";
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// False: US style, tax is added on top of shelf prices at checkout. True: VAT style, shelf prices include tax.
    /// </summary>
    public bool PricesIncludeTax { get; set; }

    /// <summary>Where the cart estimates shipping before the shopper has given an address (ISO country code).</summary>
    public string HomeCountry { get; set; } = "US";

    public bool SeedDemoData { get; set; } = true;

    /// <summary>With the demo catalog, also a few sales and a markdown rule (tests that expect regular prices turn it off).</summary>
    public bool SeedDemoPricing { get; set; } = true;

    /// <summary>With a fresh demo catalog, also a drawn picture per product and colour (the test template turns it off).</summary>
    public bool SeedDemoPictures { get; set; } = true;

    /// <summary>How long stock is held for an unpaid order (and again each time a payment starts).</summary>
    public int ReservationMinutes { get; set; } = 15;

    /// <summary>Where shoppers reach the store, for links in emails: no request is at hand when an email is written.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public AdminAccountOptions Admin { get; set; } = new();

    /// <summary>Store:Fulfilment: what the order worker does on its own once an order is paid.</summary>
    public FulfilmentOptions Fulfilment { get; set; } = new();

    /// <summary>The seller on invoices and the sender on shipping labels.</summary>
    public ShopAddressOptions Address { get; set; } = new();
}

public sealed class FulfilmentOptions
{
    /// <summary>A paid order starts fulfilment by itself (actor "system") with its pick lists; false leaves that to staff.</summary>
    public bool AutoFulfil { get; set; } = true;
}
