using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Tests.Support;

namespace Store.Tests.Features.Inventory;

public class LocationServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task CreateAndUpdate_RenameReprioritiseAndSetShipFrom_EachAudited()
    {
        await using var scope = db.Scope();
        var locations = db.Get<LocationService>(scope);

        var id = (await locations.CreateAsync(new LocationInput("east", "East depot", 5, null, null, null, null, null, null), "owner@store.local")).Value;
        var updated = await locations.UpdateAsync(id, new LocationInput(null, "East coast depot", 3, "9 Dock St", null, "Boston", "ma", "02110", "us"), "owner@store.local");

        Assert.True(updated.IsSuccess, updated.Error?.Message);
        var row = (await locations.ListAsync()).Single(l => l.Id == id);
        Assert.Equal(("EAST", "East coast depot", 3, "Boston", "MA", "US"), (row.Code, row.Name, row.Priority, row.ShipFrom!.City, row.ShipFrom.Region, row.ShipFrom.Country));
        var actions = await db.Get<StoreDbContext>(scope).AuditLog.AsNoTracking().Where(a => a.EntityType == "location" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal(["location.created", "location.updated"], actions.Order());
        Assert.Equal("location.code-taken", (await locations.CreateAsync(new LocationInput("EAST", "Again", 1, null, null, null, null, null, null), "owner")).Error!.Code);
        Assert.Equal("address.incomplete", (await locations.UpdateAsync(id, new LocationInput(null, "East", 3, "9 Dock St", null, null, null, null, "US"), "owner")).Error!.Code);
    }

    [Fact]
    public async Task RetireAsync_WhenTheLocationHoldsStock_RefusesUntilItIsTransferredOut()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 4, skip: 2);
        await using var scope = db.Scope();
        var locations = db.Get<LocationService>(scope);
        var inventory = db.Get<InventoryService>(scope);
        var main = (await inventory.LocationsAsync()).First().Id;
        var popUp = (await locations.CreateAsync(new LocationInput("POPUP", "Pop-up shop", 9, null, null, null, null, null, null), "owner")).Value;
        Assert.True((await inventory.TransferAsync(variantId, main, popUp, 3, "owner")).IsSuccess);

        var refused = await locations.RetireAsync(popUp, "owner");

        Assert.Equal("location.not-empty", refused.Error!.Code);
        Assert.Contains("3 units", refused.Error.Message);
        Assert.True((await inventory.TransferAsync(variantId, popUp, main, 3, "owner")).IsSuccess);
        Assert.True((await locations.RetireAsync(popUp, "owner")).IsSuccess);
        Assert.DoesNotContain(await inventory.LocationsAsync(), l => l.Id == popUp);
        Assert.Equal("location.retired", (await inventory.ReceiveAsync(variantId, popUp, 1, "owner", "Delivery")).Error!.Code);
        Assert.Equal("location.retired", (await inventory.TransferAsync(variantId, main, popUp, 1, "owner")).Error!.Code);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(db, variantId));
    }

    [Fact]
    public async Task RetireAsync_WhenAPurchaseOrderIsOnItsWay_IsRefused()
    {
        await using var scope = db.Scope();
        var locations = db.Get<LocationService>(scope);
        var context = db.Get<StoreDbContext>(scope);
        var annex = (await locations.CreateAsync(new LocationInput("ANNEX", "Annex", 8, null, null, null, null, null, null), "owner")).Value;
        var supplier = await context.Suppliers.Select(s => s.Id).FirstAsync();
        var variant = await context.Variants.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
        Assert.True((await db.Get<PurchaseOrderService>(scope).AddToDraftAsync(supplier, annex, variant, 5, "owner")).IsSuccess);

        Assert.Equal("location.open-purchase-orders", (await locations.RetireAsync(annex, "owner")).Error!.Code);
    }
}
