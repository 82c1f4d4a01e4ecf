using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Outbox;
using Store.Tests.Support;

namespace Store.Tests.Features.Ordering;

public class InvoiceServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task IssueAsync_ManyOrdersAtOnceAndEachSeveralTimes_GivesEachOrderOneNumberWithNoGapsOrRepeats()
    {
        var orders = new List<PlacedOrder>();
        for (var i = 0; i < 8; i++)
        {
            orders.Add((await PaidOrderScenario.PaidOrderAsync(db, skip: 20 + i)).Order);
        }

        // Every order three times over, all at once: 24 transactions racing for the counter and the order locks.
        var attempts = orders.SelectMany(o => Enumerable.Repeat(o.OrderId, 3)).Select(async orderId =>
        {
            await using var scope = db.Scope();
            return await db.Get<InvoiceService>(scope).IssueAsync(orderId);
        });
        var results = await Task.WhenAll(attempts);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.All(results.GroupBy(r => r.Value.OrderId), g => Assert.Single(g.Select(r => r.Value.Number).Distinct()));
        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        var invoices = await context.Invoices.AsNoTracking().ToListAsync();
        var year = invoices[0].Year;
        Assert.Equal(Enumerable.Range(1, invoices.Count), invoices.Where(i => i.Year == year).Select(i => i.Sequence).Order());
        Assert.Equal(orders.Select(o => o.OrderId).Order(), invoices.Where(i => orders.Any(o => o.OrderId == i.OrderId)).Select(i => i.OrderId).Order());
        Assert.Equal(invoices.Count, await context.InvoiceCounters.Where(c => c.Year == year).Select(c => c.LastSequence).SingleAsync());
    }

    [Fact]
    public async Task IssueAsync_WhenTheCallersTransactionRollsBack_TheNumberIsGivenToTheNextInvoice()
    {
        var first = (await PaidOrderScenario.PaidOrderAsync(db, skip: 30)).Order;
        var second = (await PaidOrderScenario.PaidOrderAsync(db, skip: 31)).Order;
        string rolledBack;
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            rolledBack = await context.RetriableAsync(
                async ct =>
                {
                    await using var tx = await context.Database.BeginTransactionAsync(ct);
                    var number = (await db.Get<InvoiceService>(scope).IssueAsync(first.OrderId, ct)).Value.Number;
                    await tx.RollbackAsync(ct);
                    return number;
                },
                CancellationToken.None);
        }

        await using var next = db.Scope();
        var issued = await db.Get<InvoiceService>(next).IssueAsync(second.OrderId);

        Assert.Equal(rolledBack, issued.Value.Number);
        Assert.False(await db.Get<StoreDbContext>(next).Invoices.AnyAsync(i => i.OrderId == first.OrderId));
    }

    [Fact]
    public async Task IssueAsync_WhenTheOrderIsUnpaid_IsRefusedAndUsesNoNumber()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, 3, skip: 40);
        var unpaid = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var before = await context.InvoiceCounters.AsNoTracking().SumAsync(c => c.LastSequence);

        var result = await db.Get<InvoiceService>(scope).IssueAsync(unpaid.OrderId);

        Assert.Equal("invoice.unpaid", result.Error!.Code);
        Assert.Equal(before, await context.InvoiceCounters.AsNoTracking().SumAsync(c => c.LastSequence));
    }

    [Fact]
    public async Task InvoiceOnPaymentHandler_WhenTheOrderPaidMessageIsHandledTwice_IssuesOneInvoice()
    {
        var order = (await PaidOrderScenario.PaidOrderAsync(db, skip: 42)).Order;
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var messages = await context.OutboxMessages.AsNoTracking().Where(m => m.Type == "order.paid").ToListAsync();
        var paid = messages.Single(m => m.Payload.Contains(order.OrderId.ToString(), StringComparison.Ordinal));
        var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().OfType<InvoiceOnPaymentHandler>().Single();

        await handler.HandleAsync(paid, CancellationToken.None);
        await handler.HandleAsync(paid, CancellationToken.None);

        Assert.Single(await context.Invoices.AsNoTracking().Where(i => i.OrderId == order.OrderId).ToListAsync());
    }

    [Fact]
    public async Task PlaceOrder_KeepsTheTaxBreakdownPerRate_AddingUpToTheOrdersTax()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, 5, skip: 41);
        var cart = await StoreScenario.GuestCartWithAsync(db, variantId, 2);
        await using var scope = db.Scope();

        // California: the demo data's state rate, so there is tax to break down.
        var placed = await db.Get<CheckoutService>(scope).PlaceOrderAsync(
            new Store.Infrastructure.Cart.CartOwner(cart, null),
            StoreScenario.Shopper() with { City = "Los Angeles", Region = "CA", PostalCode = "90012" });

        Assert.True(placed.IsSuccess, placed.Error?.Message);
        var detail = (await db.Get<OrderQueries>(scope).DetailAsync(placed.Value.OrderId))!;
        Assert.True(detail.TaxMinor > 0, "A Californian order is taxed.");
        Assert.NotEmpty(detail.TaxLines);
        Assert.Equal(detail.TaxMinor, detail.TaxLines.Sum(l => l.TaxMinor));
        Assert.All(detail.TaxLines, l => Assert.True(l.RatePercent > 0));
    }
}
