using Microsoft.EntityFrameworkCore;
using Store.Domain.Inventory;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Inventory;

public class ReorderTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task SuggestAndDraft_AfterPaidSales_OrderLeadTimeCoverInPacksFromTheVariantsOwnSupplier()
    {
        int supplierId;
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 20, skip: 5);
        await using (var scope = db.Scope())
        {
            var suppliers = db.Get<SupplierService>(scope);
            supplierId = (await suppliers.CreateAsync(new SupplierInput("Tidewater Supply", "po@tidewater.example", "Ana", null, 10, "Net 30"), "owner")).Value;
            Assert.True((await suppliers.SetSourcingAsync(variantId, supplierId, "TW-100", "7.25", 6, "owner")).IsSuccess);
            var sourcing = (await suppliers.SourcingAsync(null)).Single(v => v.VariantId == variantId);
            Assert.Equal(("Tidewater Supply", "TW-100", 725L, 6), (sourcing.SupplierName, sourcing.SupplierSku, sourcing.CostMinor!.Value, sourcing.PackSize));
        }

        for (var i = 0; i < 3; i++)
        {
            await PayAsync(await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 5), $"buyer{i}@example.com"));
        }

        await using (var scope = db.Scope())
        {
            var reorder = db.Get<ReorderService>(scope);

            // 15 sold in 30 days = 0.5 a day; (10 + 7) days → 9 units; 5 available → 4 short → one pack of 6.
            var line = (await reorder.SuggestAsync(variantId)).Single(l => l.Available == 5);
            Assert.Equal((15, supplierId, 5, 6), (line.UnitsSold, line.SupplierId, line.Suggestion.ReorderPoint, line.Suggestion.Quantity));

            Assert.True((await reorder.DraftDueAsync("owner@store.local")).Value >= 1);
            var draft = await db.Get<StoreDbContext>(scope).PurchaseOrders.AsNoTracking().Include(p => p.Lines)
                .SingleAsync(p => p.SupplierId == supplierId && p.Status == PurchaseOrderStatus.Draft);
            Assert.Equal(6, draft.Lines.Single(l => l.VariantId == variantId).Quantity);

            var after = (await reorder.SuggestAsync(variantId)).Single(l => l.Available == 5);
            Assert.Equal((6, false), (after.OnOrder, after.Suggestion.IsDue));
        }
    }

    [Fact]
    public async Task SetSourcingAsync_WhenInputIsBad_SaysWhyAndChangesNothing()
    {
        await using var scope = db.Scope();
        var suppliers = db.Get<SupplierService>(scope);
        var variantId = await db.Get<StoreDbContext>(scope).Variants.OrderBy(v => v.Id).Select(v => v.Id).Skip(7).FirstAsync();

        Assert.Equal("variant.cost", (await suppliers.SetSourcingAsync(variantId, null, null, "12,50", 1, "owner")).Error!.Code);
        Assert.Equal("variant.pack-size", (await suppliers.SetSourcingAsync(variantId, null, null, "12.50", 0, "owner")).Error!.Code);
        Assert.Equal("supplier.unknown", (await suppliers.SetSourcingAsync(variantId, 999_999, null, null, 1, "owner")).Error!.Code);
        Assert.Null((await suppliers.SourcingAsync(null)).Single(v => v.VariantId == variantId).CostMinor);
    }

    private async Task PayAsync(Store.Infrastructure.Checkout.PlacedOrder order)
    {
        await using var scope = db.Scope();
        var payments = db.Get<PaymentService>(scope);
        var payment = (await payments.StartAsync(order.OrderId, null)).Value;
        Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
    }
}
