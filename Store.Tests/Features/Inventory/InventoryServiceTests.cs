using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Tests.Support;

namespace Store.Tests.Features.Inventory;

public class InventoryServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task SetOnHand_RecordsTheCountAndAnAuditEntry()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5);
        await using var scope = db.Scope();
        var location = await db.Get<StoreDbContext>(scope).Locations.OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync();

        var row = (await db.Get<InventoryService>(scope).SetOnHandAsync(variantId, location, 12, "staff@store.local", "Cycle count")).Value;

        Assert.Equal(12, row.OnHand);
        var audit = await db.Get<StoreDbContext>(scope).AuditLog.AsNoTracking().SingleAsync(a => a.EntityId == $"{variantId}@{location}" && a.Actor == "staff@store.local");
        Assert.Equal("staff@store.local", audit.Actor);
        Assert.Contains("\"After\": 12", audit.Details);
    }

    [Fact]
    public async Task SetOnHand_WhenBelowWhatIsReservedForUnpaidOrders_IsRefused()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5, skip: 1);
        await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 3));
        await using var scope = db.Scope();
        var location = await db.Get<StoreDbContext>(scope).Locations.OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync();

        var result = await db.Get<InventoryService>(scope).SetOnHandAsync(variantId, location, 2, "staff@store.local", "Recount");

        Assert.Equal("stock.reserved", result.Error!.Code);
        Assert.Equal((5, 3), await StoreScenario.StockAsync(db, variantId));
    }

    [Theory]
    [InlineData(-1, "Count", "stock.negative")]
    [InlineData(3, " ", "stock.reason")]
    public async Task SetOnHand_WhenInputIsBad_SaysWhy(int onHand, string reason, string code)
    {
        await using var scope = db.Scope();
        Assert.Equal(code, (await db.Get<InventoryService>(scope).SetOnHandAsync(1, 1, onHand, "staff", reason)).Error!.Code);
    }
}
