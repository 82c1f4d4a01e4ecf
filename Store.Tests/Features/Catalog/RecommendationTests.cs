using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Recommendations;
using Store.Tests.Support;

namespace Store.Tests.Features.Catalog;

public class RecommendationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task BoughtTogether_RanksProductsByHowManyPaidOrdersHadBoth()
    {
        var (a, b, c) = (await VariantAsync(0), await VariantAsync(30), await VariantAsync(60));
        await PaidOrderAsync(a, b, c);
        await PaidOrderAsync(a, b);
        await using var scope = db.Scope();
        await db.Get<SalesSignalsService>(scope).RecomputeAsync();
        var context = db.Get<StoreDbContext>(scope);
        var productOf = await context.Variants.Where(v => v.Id == a || v.Id == b || v.Id == c).ToDictionaryAsync(v => v.Id, v => v.ProductId);

        var together = await db.Get<RecommendationQueries>(scope).BoughtTogetherAsync(productOf[a], 4);

        Assert.Equal([productOf[b], productOf[c]], together.Select(p => p.Id));
    }

    [Fact]
    public async Task BoughtTogether_WithNoOrdersYet_FallsBackToSimilarProductsOfTheSameCategory()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var lonely = await context.Products.OrderByDescending(p => p.Id).Select(p => new { p.Id, p.CategoryId }).FirstAsync();

        var together = await db.Get<RecommendationQueries>(scope).BoughtTogetherAsync(lonely.Id, 4);

        Assert.Equal(4, together.Count);
        var categorySlug = await context.Categories.Where(c => c.Id == lonely.CategoryId).Select(c => c.Slug).SingleAsync();
        Assert.All(together, p => Assert.Equal(categorySlug, p.CategorySlug));
        Assert.DoesNotContain(together, p => p.Id == lonely.Id);
    }

    private async Task<int> VariantAsync(int skip) => await StoreScenario.VariantWithStockAsync(db, units: 20, skip: skip);

    private async Task PaidOrderAsync(params int[] variants)
    {
        var cart = await StoreScenario.GuestCartWithAsync(db, variants[0], 1);
        await using (var scope = db.Scope())
        {
            foreach (var v in variants.Skip(1))
            {
                Assert.True((await db.Get<Store.Infrastructure.Cart.CartService>(scope).AddAsync(new Store.Infrastructure.Cart.CartOwner(cart, null), v, 1)).IsSuccess);
            }
        }

        var order = await StoreScenario.PlaceAsync(db, cart);
        await using var pay = db.Scope();
        var payments = db.Get<PaymentService>(pay);
        var payment = (await payments.StartAsync(order.OrderId, null)).Value;
        Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
    }
}
