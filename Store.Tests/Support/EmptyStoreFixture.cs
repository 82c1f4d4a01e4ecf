using Store.Infrastructure.Data;

namespace Store.Tests.Support;

/// <summary>
/// A new store: an empty database brought up as the app does on its first start, with no demo data and no owner
/// configured, so the first-run setup has not happened yet.
/// </summary>
public class EmptyStoreFixture : DatabaseFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DatabaseInitializer.InitializeAsync(Services);
    }

    protected override Task<string> CreateDatabaseAsync() => TestDatabase.CreateEmptyAsync();

    protected override Task<IReadOnlyDictionary<string, string?>?> SettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>?>(new Dictionary<string, string?>
        {
            ["Store:SeedDemoData"] = "false",
            ["Store:Admin:Password"] = "",
            ["Store:Jobs:Enabled"] = "false",
        });
}
