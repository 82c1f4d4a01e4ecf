namespace Store.E2E.Support;

/// <summary>The store, started once for a test class against its own fresh database, and stopped after.</summary>
public class StoreAppFixture : IAsyncLifetime
{
    private StoreAppHost? app;

    public StoreAppHost App => app ?? throw new InvalidOperationException("The store has not started.");

    /// <summary>Whether the demo catalog gets its drawn pictures (see <see cref="StoreAppHost.StartAsync"/>).</summary>
    protected virtual bool DrawPictures => false;

    public async Task InitializeAsync() => app = await StoreAppHost.StartAsync(drawPictures: DrawPictures);

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
