using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Features.Pricing;

/// <summary>A class database whose DbContexts count the SQL commands they send.</summary>
public sealed class CountingFixture : DatabaseFixture
{
    public CommandCounter Counter { get; } = new();

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.ConfigureDbContext<StoreDbContext>(o => o.AddInterceptors(Counter));
}

public sealed class CommandCounter : DbCommandInterceptor
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public class PricingQueryCountTests(CountingFixture db) : IClassFixture<CountingFixture>
{
    [Fact]
    public async Task CategoryPage_WhenEveryProductIsOnSale_IsPricedWithTheSameNumberOfQueriesForOneOrTwentyProducts()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var categoryId = await context.Categories.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var products = await context.Products.Where(p => p.CategoryId == categoryId).Select(p => p.Slug).ToListAsync();
        var admin = db.Get<PricingAdminService>(scope);
        foreach (var slug in products)
        {
            Assert.True((await admin.SaveSaleAsync(null, new SaleForm(slug, true, "Sale", 10m, null, null, null), "owner")).IsSuccess);
        }

        await CountAsync(categoryId, pageSize: 2); // warms the cached category tree (one query, then none for 10 s)
        var one = await CountAsync(categoryId, pageSize: 1);
        var twenty = await CountAsync(categoryId, pageSize: 20);

        Assert.Equal(20, twenty.Items);
        Assert.All(twenty.Notes, n => Assert.Equal("Sale −10 %", n));
        Assert.Equal(one.Commands, twenty.Commands);
        // The count, the cards, their prices.
        Assert.Equal(3, twenty.Commands);
    }

    private async Task<(int Commands, int Items, IReadOnlyList<string?> Notes)> CountAsync(int categoryId, int pageSize)
    {
        await using var scope = db.Scope();
        var catalog = db.Get<CatalogQueries>(scope);
        var before = db.Counter.Count;
        var page = await catalog.ByCategoryAsync(categoryId, 1, pageSize);
        return (db.Counter.Count - before, page.Items.Count, [.. page.Items.Select(i => i.PriceNote)]);
    }
}
