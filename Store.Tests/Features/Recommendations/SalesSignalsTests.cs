using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Store.Infrastructure;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Jobs;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Recommendations;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Recommendations;

public class SalesSignalsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Recompute_PairsProductsOfTheSamePaidOrderAndIgnoresUnpaidOnes()
    {
        var (a, b, c) = (await VariantAsync(100), await VariantAsync(130), await VariantAsync(160));
        await OrderAsync(paid: true, (a, 1), (b, 1), (c, 1));
        await OrderAsync(paid: true, (a, 1), (b, 2));
        await OrderAsync(paid: false, (a, 1), (c, 1));
        await OrderAsync(paid: false, (a, 1), (c, 1));

        await RecomputeAsync();

        var product = await ProductsOfAsync(a, b, c);
        Assert.Equal([(product[b], 2), (product[c], 1)], await PairsAsync(product[a]));
        Assert.Equal([(product[a], 1), (product[b], 1)], await PairsAsync(product[c]));
    }

    [Fact]
    public async Task Recompute_CountsUnitsSoldInTheLast30DaysAndBestSellingSortsByThem()
    {
        var (top, second, old) = (await VariantAsync(200), await VariantAsync(230), await VariantAsync(260));
        await OrderAsync(paid: true, (top, 9), (second, 8));
        var stale = await OrderAsync(paid: true, (old, 5));
        await using (var scope = db.Scope())
        {
            await db.Get<StoreDbContext>(scope).Database.ExecuteSqlAsync($"UPDATE orders SET paid_at = now() - interval '31 days' WHERE id = {stale}");
        }

        await RecomputeAsync();

        var product = await ProductsOfAsync(top, second, old);
        await using var read = db.Scope();
        var units = new[] { await UnitsAsync(product[top]), await UnitsAsync(product[second]), await UnitsAsync(product[old]) };
        Assert.Equal([9, 8, 0], units);
        var search = await db.Get<ProductSearch>(read).SearchAsync(new SearchQuery { Sort = SearchSort.BestSelling, PageSize = 2 });
        Assert.Equal([product[top], product[second]], search.Items.Select(p => p.Id));
        var categoryId = await db.Get<StoreDbContext>(read).Products.Where(p => p.Id == product[top]).Select(p => p.CategoryId).SingleAsync();
        var category = await db.Get<CatalogQueries>(read).ByCategoryAsync(categoryId, 1, 12, bestSelling: true);
        Assert.Equal(product[top], category.Items[0].Id);
    }

    [Fact]
    public async Task Recompute_WhenTwoRunsOverlap_BothSucceedAndLeaveOneSetOfPairs()
    {
        var (a, b) = (await VariantAsync(300), await VariantAsync(330));
        await OrderAsync(paid: true, (a, 1), (b, 1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RecomputeAsync()));

        var product = await ProductsOfAsync(a, b);
        Assert.Equal([(product[b], 1)], await PairsAsync(product[a]));
    }

    [Fact]
    public async Task SalesSignalsJob_WhenTheSchedulerRuns_FillsBoughtTogetherWhichRecommendationsRead()
    {
        var (a, b) = (await VariantAsync(400), await VariantAsync(430));
        await OrderAsync(paid: true, (a, 1), (b, 1));
        var product = await ProductsOfAsync(a, b);

        using var node = await StartNodeAsync();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while ((await PairsAsync(product[a])).Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await node.StopAsync();

        Assert.Equal([(product[b], 1)], await PairsAsync(product[a]));
        await using var scope = db.Scope();
        var together = await db.Get<RecommendationQueries>(scope).BoughtTogetherAsync(product[a], 4);
        Assert.Equal(product[b], together[0].Id);
    }

    private async Task<int> VariantAsync(int skip) => await StoreScenario.VariantWithStockAsync(db, units: 20, skip: skip);

    private async Task RecomputeAsync()
    {
        await using var scope = db.Scope();
        await db.Get<SalesSignalsService>(scope).RecomputeAsync();
    }

    private async Task<Guid> OrderAsync(bool paid, params (int Variant, int Quantity)[] lines)
    {
        var cart = await StoreScenario.GuestCartWithAsync(db, lines[0].Variant, lines[0].Quantity);
        await using (var scope = db.Scope())
        {
            foreach (var (variant, quantity) in lines.Skip(1))
            {
                Assert.True((await db.Get<CartService>(scope).AddAsync(new CartOwner(cart, null), variant, quantity)).IsSuccess);
            }
        }

        var order = await StoreScenario.PlaceAsync(db, cart);
        if (paid)
        {
            await using var pay = db.Scope();
            var payments = db.Get<PaymentService>(pay);
            var payment = (await payments.StartAsync(order.OrderId, null)).Value;
            Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
        }

        return order.OrderId;
    }

    private async Task<Dictionary<int, int>> ProductsOfAsync(params int[] variants)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Variants.Where(v => variants.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.ProductId);
    }

    private async Task<List<(int Other, int Orders)>> PairsAsync(int productId)
    {
        await using var scope = db.Scope();
        var rows = await db.Get<StoreDbContext>(scope).Database
            .SqlQuery<Pair>($"SELECT other_product_id, orders FROM bought_together WHERE product_id = {productId} ORDER BY orders DESC, other_product_id")
            .ToListAsync();
        return [.. rows.Select(r => (r.OtherProductId, r.Orders))];
    }

    private async Task<int> UnitsAsync(int productId)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Database.SqlQuery<int>($"SELECT units_sold_30d AS \"Value\" FROM products WHERE id = {productId}").SingleAsync();
    }

    private async Task<IHost> StartNodeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Store"] = db.ConnectionString,
            ["Store:Jobs:InstanceId"] = "node-signals",
            ["Store:Jobs:ClusterCheckinIntervalSeconds"] = "1",
        });
        builder.Services.AddLogging();
        builder.Services.AddStoreInfrastructure(builder.Configuration);
        builder.Services.AddStoreJobs(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed record Pair(int OtherProductId, int Orders);
}
