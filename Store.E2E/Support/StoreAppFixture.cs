namespace Store.E2E.Support;

/// <summary>The store, started once for a test class against its own fresh database, and stopped after.</summary>
public sealed class StoreAppFixture : IAsyncLifetime
{
    private StoreAppHost? app;

    public StoreAppHost App => app ?? throw new InvalidOperationException("The store has not started.");

    public async Task InitializeAsync() => app = await StoreAppHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
