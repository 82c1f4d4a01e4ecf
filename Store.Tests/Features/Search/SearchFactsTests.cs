using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Search;

public class SearchFactsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task InStockFilter_FollowsStockAsItSellsOutAndComesBack()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var product = await context.Products.OrderBy(p => p.Id).Select(p => new { p.Id, p.Name, Variants = p.Variants.Select(v => v.Id).ToList() }).FirstAsync();
        var inventory = db.Get<InventoryService>(scope);
        var levels = await context.Inventory.AsNoTracking().Where(i => product.Variants.Contains(i.VariantId)).ToListAsync();
        var word = product.Name.Split(' ')[0];

        foreach (var level in levels)
        {
            Assert.True((await inventory.SetOnHandAsync(level.VariantId, level.LocationId, 0, "test", "Sold out")).IsSuccess);
        }

        var soldOut = await SearchAsync(word);
        Assert.DoesNotContain(soldOut.Items, p => p.Id == product.Id);

        Assert.True((await inventory.ReceiveAsync(levels[0].VariantId, levels[0].LocationId, 3, "test", "Delivery")).IsSuccess);
        var back = await SearchAsync(word);
        Assert.Contains(back.Items, p => p.Id == product.Id);
    }

    [Fact]
    public async Task PriceFacts_FollowAVariantPriceChange()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var variant = await context.Variants.OrderByDescending(v => v.Id).Select(v => new { v.Id, v.ProductId }).FirstAsync();
        await context.Variants.Where(v => v.ProductId == variant.ProductId).ExecuteUpdateAsync(s => s.SetProperty(v => v.PriceMinor, 1));

        var facts = await context.Database.SqlQuery<long>($"SELECT facet_price_from AS \"Value\" FROM products WHERE id = {variant.ProductId}").SingleAsync();

        Assert.Equal(1, facts);
    }

    private async Task<SearchResult> SearchAsync(string word)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductSearch>(scope).SearchAsync(new SearchQuery { Text = word, InStockOnly = true, PageSize = 100 });
    }
}
