using Store.Infrastructure.Audit;
using Store.Tests.Support;

namespace Store.Tests.Features.Audit;

public class AuditQueriesTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Search_FiltersByActorEntityAndPagesNewestFirst()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 9);
        await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1), "audited@example.com");
        await using var scope = db.Scope();
        var audit = db.Get<AuditQueries>(scope);

        var orders = await audit.SearchAsync(new AuditFilter("audited@", null, "order", null, null, null, null));
        var stock = await audit.SearchAsync(new AuditFilter(null, "stock.", "inventory", null, null, null, null, Take: 1));
        var older = await audit.SearchAsync(new AuditFilter(null, "stock.", "inventory", null, null, null, stock[0].Id, Take: 1));

        var placed = Assert.Single(orders);
        Assert.Equal("order.placed", placed.Action);
        Assert.Contains("\"TotalMinor\"", placed.Details);
        Assert.True(older[0].Id < stock[0].Id);
        Assert.Empty(await audit.SearchAsync(new AuditFilter(null, null, null, null, DateTimeOffset.UtcNow.AddDays(1), null, null)));
    }
}
