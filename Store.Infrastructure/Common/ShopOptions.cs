namespace Store.Infrastructure.Common;

public sealed class ShopOptions
{
    public const string Section = "Store";

    public string Name { get; set; } = "Northwind Outfitters";

    /// <summary>A line under the name on the home page and in its title and description; empty: the name alone.</summary>
    public string Tagline { get; set; } = "";

    /// <summary>Where shoppers write to; also the seller's email on invoices unless Address:Email is set.</summary>
    public string ContactEmail { get; set; } = "orders@northwind.example";

    public string Currency { get; set; } = "USD";

    /// <summary>
    /// How amounts, and numbers typed in the admin, are written (a .NET culture name such as en-US or de-DE). Empty:
    /// the usual culture of <see cref="HomeCountry"/>. Read through <see cref="MoneyFormatter"/>, never directly.
    /// </summary>
    public string? Culture { get; set; }

    /// <summary>
    /// False: US style, tax is added on top of shelf prices at checkout. True: VAT style, shelf prices include tax.
    /// </summary>
    public bool PricesIncludeTax { get; set; }

    /// <summary>Where the cart estimates shipping before the shopper has given an address (ISO country code).</summary>
    public string HomeCountry { get; set; } = "US";

    /// <summary>The demo catalog, locations and suppliers (./store.sh run). Off: an empty store its owner sets up.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>With the demo catalog, also a few sales and a markdown rule (tests that expect regular prices turn it off).</summary>
    public bool SeedDemoPricing { get; set; } = true;

    /// <summary>With a fresh demo catalog, also a drawn picture per product and colour (the test template turns it off).</summary>
    public bool SeedDemoPictures { get; set; } = true;

    /// <summary>
    /// With a fresh demo catalog, also 90 days of past customers, orders, refunds, returns and purchase orders
    /// (DemoHistory), so the dashboard and reports have something to show. Tests turn it off unless they need it.
    /// </summary>
    public bool SeedDemoHistory { get; set; } = true;

    /// <summary>How long stock is held for an unpaid order (and again each time a payment starts).</summary>
    public int ReservationMinutes { get; set; } = 15;

    /// <summary>Where shoppers reach the store, for links in emails: no request is at hand when an email is written.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public AdminAccountOptions Admin { get; set; } = new();

    /// <summary>Store:Fulfilment: what the order worker does on its own once an order is paid.</summary>
    public FulfilmentOptions Fulfilment { get; set; } = new();

    /// <summary>The seller on invoices and the sender on shipping labels.</summary>
    public ShopAddressOptions Address { get; set; } = new();

    /// <summary>Store:Setup: the first stock location, for a store configured by environment variables.</summary>
    public SetupOptions Setup { get; set; } = new();

    /// <summary>Store:Tax: what checkout does with an address no tax zone covers.</summary>
    public TaxOptions Tax { get; set; } = new();

    /// <summary>Store:Staff: rules for staff accounts.</summary>
    public StaffOptions Staff { get; set; } = new();

    /// <summary>Store:Customers: what the store asks of customer accounts.</summary>
    public CustomerAccountOptions Customers { get; set; } = new();
}

public sealed class StaffOptions
{
    /// <summary>
    /// True: a staff account (Admin, Staff, Inventory) reaches the admin and the staff APIs only once it has two-factor
    /// sign-in on; until then pages send it to set it up and the API answers 403.
    /// </summary>
    public bool RequireTwoFactor { get; set; }
}

public sealed class CustomerAccountOptions
{
    /// <summary>
    /// True: a signed-in account must have confirmed its email before it can place an order (the checkout page and
    /// POST /api/orders refuse it, with a way to resend the link). Guests are not affected.
    /// </summary>
    public bool RequireConfirmedEmail { get; set; }
}

public sealed class SetupOptions
{
    public FirstLocationOptions Location { get; set; } = new();
}

public sealed class FirstLocationOptions
{
    public string Code { get; set; } = "MAIN";
    public string Name { get; set; } = "Main warehouse";
}

public sealed class TaxOptions
{
    /// <summary>
    /// True: checkout refuses an address no tax zone covers (the shopper is told why; the API answers 422), so no
    /// order is taken untaxed by mistake. False (default): such orders are taken without tax and counted for the owner.
    /// </summary>
    public bool RefuseUncoveredAddresses { get; set; }
}

public sealed class FulfilmentOptions
{
    /// <summary>A paid order starts fulfilment by itself (actor "system") with its pick lists; false leaves that to staff.</summary>
    public bool AutoFulfil { get; set; } = true;
}
