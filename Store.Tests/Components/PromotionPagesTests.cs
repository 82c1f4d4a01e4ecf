using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Store.Domain.Common;
using Store.Domain.Promotions;
using Store.Infrastructure;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.DemoData;
using Store.Tests.Support;
using Store.Web.Admin.Promotions;

namespace Store.Tests.Components;

/// <summary>The admin promotion list (with its report) and edit form over the class's own database.</summary>
public class PromotionPagesTests : AdminPageContext, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture db;

    public PromotionPagesTests(DatabaseFixture db)
        : base(db.ConnectionString, "admin@store.local")
    {
        this.db = db;
    }

    [Fact]
    public async Task PromotionsPage_ReportsUsesDiscountAndPaidRevenuePerPromotion()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 20);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await using (var scope = db.Scope())
        {
            Assert.True((await db.Get<CartService>(scope).ApplyCodeAsync(new CartOwner(cartId, null), DemoPromotions.WelcomeCode)).IsSuccess);
        }

        var placed = await StoreScenario.PlaceAsync(db, cartId, "report@example.com");
        long discount;
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            var order = await context.Orders.SingleAsync(o => o.Id == placed.OrderId);
            order.MarkPaid("test", DateTimeOffset.UtcNow);
            await context.SaveChangesAsync();
            discount = (await context.PromotionRedemptions.SingleAsync(r => r.OrderId == placed.OrderId)).AmountMinor;
        }

        var cut = Render<PromotionsPage>();

        cut.WaitForAssertion(() => Assert.Contains("WELCOME10", cut.Find("[data-testid=promotions]").TextContent), TimeSpan.FromSeconds(15));
        var row = cut.FindAll("[data-testid=promotions] tbody tr").Single(r => r.TextContent.Contains("WELCOME10"));
        Assert.Contains("1 (1 per customer)", row.TextContent);
        Assert.Contains(new Money(discount, "USD").ToString(), row.TextContent);
        Assert.Contains(new Money(placed.TotalMinor, "USD").ToString(), row.TextContent);
        Assert.Contains("automatic", cut.Find("[data-testid=promotions]").TextContent);
    }

    [Fact]
    public async Task PromotionEditPage_SavesANewCodeWithAUsageLimit()
    {
        var cut = Render<PromotionEditPage>();
        cut.WaitForAssertion(() => cut.Find("input[data-testid=promotion-name]"), TimeSpan.FromSeconds(15));

        cut.Find("input[data-testid=promotion-name]").Change("Spring 15 % off");
        cut.Find("input[data-testid=promotion-code]").Change("spring15");
        cut.Find("input[data-testid=promotion-percent]").Change("15");
        cut.Find("input[data-testid=promotion-limit]").Change("100");
        await cut.Find("[data-testid=promotion-save]").ClickAsync(new());

        await using var scope = db.Scope();
        var saved = await db.Get<StoreDbContext>(scope).Promotions.AsNoTracking().SingleAsync(p => p.Code == "SPRING15");
        Assert.Equal(("Spring 15 % off", BenefitKind.PercentOff, 15m, (int?)100, true), (saved.Name, saved.Kind, saved.PercentOff, saved.UsageLimit, saved.IsEnabled));
    }

    [Fact]
    public async Task PromotionEditPage_WhenThePercentIsZero_SaysWhatToFixAndSavesNothing()
    {
        var cut = Render<PromotionEditPage>();
        cut.WaitForAssertion(() => cut.Find("input[data-testid=promotion-name]"), TimeSpan.FromSeconds(15));

        cut.Find("input[data-testid=promotion-name]").Change("Nothing off");
        cut.Find("input[data-testid=promotion-code]").Change("ZERO");
        await cut.Find("[data-testid=promotion-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("percentage off is more than 0", cut.Find("[data-testid=promotion-error]").TextContent), TimeSpan.FromSeconds(15));
        await using var scope = db.Scope();
        Assert.False(await db.Get<StoreDbContext>(scope).Promotions.AnyAsync(p => p.Code == "ZERO"));
    }
}
