using Microsoft.EntityFrameworkCore;
using Store.Domain.Inventory;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Tests.Support;

namespace Store.Tests.Features.Inventory;

public class PurchaseOrderTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task AddToDraftBySku_CollectsLinesOnOneDraftPerSupplierAndLocation()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var skus = await context.Variants.OrderBy(v => v.Id).Select(v => v.Sku).Take(2).ToListAsync();
        var supplier = await context.Suppliers.Select(s => s.Id).FirstAsync();
        var location = await context.Locations.OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync();
        var orders = db.Get<PurchaseOrderService>(scope);

        var first = await orders.AddToDraftBySkuAsync(supplier, location, skus[0].ToLowerInvariant(), 10, "staff");
        var second = await orders.AddToDraftBySkuAsync(supplier, location, skus[1], 5, "staff");
        var again = await orders.AddToDraftBySkuAsync(supplier, location, skus[0], 2, "staff");
        var unknown = await orders.AddToDraftBySkuAsync(supplier, location, "NO-SUCH-SKU", 1, "staff");

        Assert.Equal(first.Value, second.Value);
        Assert.Equal(first.Value, again.Value);
        Assert.Equal("po.sku", unknown.Error!.Code);
        var lines = await orders.LinesAsync(first.Value);
        Assert.Equal([12, 5], lines.OrderBy(l => l.VariantId).Select(l => l.Quantity));
        Assert.True((await orders.SendAsync(first.Value, "staff")).IsSuccess);
        Assert.NotEqual(first.Value, (await orders.AddToDraftAsync(supplier, location, lines[0].VariantId, 1, "staff")).Value);
        Assert.Equal(PurchaseOrderStatus.Sent, (await context.PurchaseOrders.AsNoTracking().SingleAsync(p => p.Id == first.Value)).Status);
    }
}
