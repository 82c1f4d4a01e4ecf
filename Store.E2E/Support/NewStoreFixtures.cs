namespace Store.E2E.Support;

/// <summary>The store on an empty database with no demo data and no owner configured: the first visit runs the setup.</summary>
public sealed class NewStoreAppFixture : IAsyncLifetime
{
    private StoreAppHost? app;

    public StoreAppHost App => app ?? throw new InvalidOperationException("The store has not started.");

    public async Task InitializeAsync() => app = await StoreAppHost.StartAsync(new Dictionary<string, string?> { ["Store__SeedDemoData"] = "false" });

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

/// <summary>The store on an empty database, every setup answer given as an environment variable, as a container would be.</summary>
public sealed class ConfiguredStoreAppFixture : IAsyncLifetime
{
    public const string OwnerEmail = "owner@fjell.example";
    public const string OwnerPassword = "Fjell-Owner-Pass1";

    private StoreAppHost? app;

    public StoreAppHost App => app ?? throw new InvalidOperationException("The store has not started.");

    public async Task InitializeAsync() => app = await StoreAppHost.StartAsync(new Dictionary<string, string?>
    {
        ["Store__SeedDemoData"] = "false",
        ["Store__Admin__Email"] = OwnerEmail,
        ["Store__Admin__Password"] = OwnerPassword,
        ["Store__Name"] = "Fjell Supply",
        ["Store__ContactEmail"] = "hello@fjell.example",
        ["Store__Currency"] = "EUR",
        ["Store__PricesIncludeTax"] = "true",
        ["Store__HomeCountry"] = "DE",
        ["Store__Address__Line1"] = "Marktplatz 1",
        ["Store__Address__City"] = "Leipzig",
        ["Store__Address__PostalCode"] = "04109",
        ["Store__Address__Country"] = "DE",
        ["Store__Setup__Location__Code"] = "LEJ",
        ["Store__Setup__Location__Name"] = "Lager Leipzig",
    });

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
