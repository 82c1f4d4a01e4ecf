using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Search;

public class SearchCapAndCacheTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Search_WhenWordsMatchMoreThanTheCap_KeepsTheBestByRankAndSaysSo()
    {
        var all = await SearchAsync(new SearchQuery { Text = "hoodie", PageSize = 100 });

        var capped = await SearchAsync(new SearchQuery { Text = "hoodie", PageSize = 100, CandidateCap = 3 });

        Assert.Null(all.CappedAt);
        Assert.True(all.Total > 3);
        Assert.Equal(3, capped.CappedAt);
        Assert.Equal(3, capped.Total);
        Assert.Equal(all.Items.Take(3).Select(p => p.Id), capped.Items.Select(p => p.Id));
        Assert.Equal(3, capped.Facet("category").Values.Sum(v => v.Count));
        Assert.Equal(3, capped.Facet("brand").Values.Sum(v => v.Count));
    }

    [Fact]
    public async Task Search_WhenCappedAndFiltered_NarrowsWithinTheBestMatches()
    {
        var all = await SearchAsync(new SearchQuery { Text = "hoodie", PageSize = 100 });
        var brand = all.Items[0].Brand;

        var filtered = await SearchAsync(new SearchQuery { Text = "hoodie", PageSize = 100, CandidateCap = 3, Brands = [brand] });

        Assert.Equal(all.Items.Take(3).Where(p => p.Brand == brand).Select(p => p.Id), filtered.Items.Select(p => p.Id));
        Assert.Equal(3, filtered.Facet("brand").Values.Sum(v => v.Count));
    }

    [Fact]
    public async Task Search_WhenTheCatalogChangesBehindTheCache_AnswersFromTheCacheUntilItIsInvalidated()
    {
        var before = await SearchAsync(new SearchQuery { Text = "quokka" });
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            var id = await context.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            await context.Database.ExecuteSqlAsync($"UPDATE products SET name = 'Quokka Mug' WHERE id = {id}");
        }

        var cached = await SearchAsync(new SearchQuery { Text = "quokka" });
        await using (var scope = db.Scope())
        {
            db.Get<CatalogCache>(scope).Invalidate();
        }

        var fresh = await SearchAsync(new SearchQuery { Text = "quokka" });

        Assert.Equal(0, before.Total);
        Assert.Equal(0, cached.Total);
        Assert.Equal("Quokka Mug", Assert.Single(fresh.Items).Name);
    }

    private async Task<SearchResult> SearchAsync(SearchQuery query)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductSearch>(scope).SearchAsync(query);
    }
}
