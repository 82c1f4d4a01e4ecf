using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Store.Domain.Payments;
using Store.Infrastructure;
using Store.Infrastructure.Data;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Tests.Support;
using Store.Web.Admin.Orders;

namespace Store.Tests.Components;

/// <summary>The admin order detail over the class's own database: what the order worker and Stripe recorded shows.</summary>
public class OrderDetailPageTests : AdminPageContext, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture db;

    public OrderDetailPageTests(DatabaseFixture db)
        : base(db.ConnectionString, "staff@store.local")
    {
        this.db = db;
    }

    [Fact]
    public async Task Render_WhenTheOrderIsFulfillingAndDisputed_ShowsItsPickListsAndDisputes()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 4, skip: 40);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 3));
        await using (var scope = db.Scope())
        {
            var payments = db.Get<PaymentService>(scope);
            var payment = (await payments.StartAsync(order.OrderId, null)).Value;
            Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
            Assert.True(await db.Get<FulfilmentService>(scope).AutoFulfilAsync(order.OrderId));

            // A dispute as the Stripe path records it (its own tests cover that path).
            var context = db.Get<StoreDbContext>(scope);
            context.PaymentDisputes.Add(new PaymentDispute(Guid.NewGuid(), order.OrderId, payment.Id, "dp_test_rendered", order.TotalMinor, "USD", "fraudulent", DateTimeOffset.UtcNow));
            await context.SaveChangesAsync();
        }

        var cut = Render<OrderDetailPage>(p => p.Add(x => x.Id, order.OrderId));

        cut.WaitForAssertion(() => Assert.Contains("3 ×", cut.Find("[data-testid=pick-lists]").TextContent), TimeSpan.FromSeconds(15));
        Assert.Contains("dp_test_rendered", cut.Find("[data-testid=disputes]").TextContent);
        Assert.Contains("Open", cut.Find("[data-testid=disputes]").TextContent);
        Assert.Contains("system", cut.Find("[data-testid=timeline]").TextContent);
        Assert.Equal("Fulfilling", cut.Find("[data-testid=order-status]").TextContent.Trim());
    }
}
