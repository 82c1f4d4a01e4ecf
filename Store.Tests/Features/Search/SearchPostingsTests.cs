using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Search;

/// <summary>The ranking reads search_postings, which triggers keep in step with products: these tests change products and search again.</summary>
public class SearchPostingsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Postings_FollowRenamesUnpublishingPublishingAndDeletion()
    {
        var id = await AddAsync("Quokka Kettle", "quokka-kettle", "Boils water.");
        Assert.Equal([id], await IdsAsync("quokka"));

        await ChangeAsync(id, p => p.Rename("Wombat Kettle", "Boils water."));
        Assert.Empty(await IdsAsync("quokka"));
        Assert.Equal([id], await IdsAsync("wombat"));

        await ChangeAsync(id, p => p.SetPublished(false));
        Assert.Empty(await IdsAsync("wombat"));
        Assert.Equal(0, await PostingCountAsync(id));

        await ChangeAsync(id, p => p.SetPublished(true));
        Assert.Equal([id], await IdsAsync("wombat"));

        await using (var scope = db.Scope())
        {
            await db.Get<StoreDbContext>(scope).Products.Where(p => p.Id == id).ExecuteDeleteAsync();
            db.Get<CatalogCache>(scope).Invalidate();
        }

        Assert.Equal(0, await PostingCountAsync(id));
        Assert.Empty(await IdsAsync("wombat"));
    }

    [Fact]
    public async Task Postings_AreNotRewrittenWhenOnlyPriceOrStockFactsChange()
    {
        var id = await AddAsync("Narwhal Mug", "narwhal-mug", "Holds tea.");
        var before = await PostingVersionsAsync(id);

        await using (var scope = db.Scope())
        {
            await db.Get<StoreDbContext>(scope).Database.ExecuteSqlAsync($"UPDATE products SET facet_in_stock = NOT facet_in_stock, facet_price_from = facet_price_from + 1 WHERE id = {id}");
        }

        Assert.Equal(before, await PostingVersionsAsync(id));
    }

    [Fact]
    public async Task Search_WithSeveralWords_FindsOnlyProductsWithEveryWord_NameMatchesFirst()
    {
        var both = await AddAsync("Ibex Lantern", "ibex-lantern", "A lantern.");
        var described = await AddAsync("Plain Lantern", "plain-lantern", "Carried by every ibex herder.");
        var oneWord = await AddAsync("Ibex Tent", "ibex-tent", "A tent.");

        var found = await IdsAsync("ibex lanterns");

        Assert.Equal([both, described], found);
        Assert.DoesNotContain(oneWord, found);
    }

    [Fact]
    public async Task Search_WithOnlyStopWords_FindsNothingAndDoesNotFail()
    {
        var result = await SearchAsync("the and of");

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Items);
    }

    [Fact]
    public async Task Search_WithAHyphenatedWordAndQuotes_MatchesLikePostgresFullTextSearch()
    {
        var id = await AddAsync("Kid's Over-sized T-Shirt", "kids-oversized-tshirt", "Soft cotton.");

        Assert.Contains(id, await IdsAsync("t-shirt"));
        Assert.Contains(id, await IdsAsync("kid's"));
        Assert.Contains(id, await IdsAsync("over-sized"));
        Assert.Equal(await GinIdsAsync("over-sized t-shirt"), await IdsAsync("over-sized t-shirt"));
    }

    [Fact]
    public async Task Suggest_MatchesNameWordsByPrefix_NotDescriptions_NamesStartingWithTheTextFirst()
    {
        await AddAsync("Trail Gecko Sandal", "trail-gecko-sandal", "Light.");
        await AddAsync("Gecko Trail Shoe", "gecko-trail-shoe", "Grippy.");
        await AddAsync("Plain Sock", "plain-sock", "Worn by every gecko fan.");

        var byPrefix = await SuggestAsync("geck");
        var twoWords = await SuggestAsync("trail geck");
        var stemmed = await SuggestAsync("geckos");

        Assert.Equal(["Gecko Trail Shoe", "Trail Gecko Sandal"], byPrefix);
        Assert.Equal(["Trail Gecko Sandal", "Gecko Trail Shoe"], twoWords);
        Assert.Equal(["Gecko Trail Shoe", "Trail Gecko Sandal"], stemmed);
    }

    private async Task<List<string>> SuggestAsync(string text)
    {
        await using var scope = db.Scope();
        return [.. (await db.Get<ProductSearch>(scope).SuggestAsync(text)).Select(s => s.Name)];
    }

    private async Task<int> AddAsync(string name, string slug, string description)
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var category = await context.Categories.OrderBy(c => c.Id).FirstAsync();
        var product = new Product(name, slug, description, null, category.Id, "USD", DateTimeOffset.UtcNow);
        product.AddVariant(slug.ToUpperInvariant(), "One", null, null, 1500);
        context.Products.Add(product);
        await context.SaveChangesAsync();
        db.Get<CatalogCache>(scope).Invalidate();
        return product.Id;
    }

    private async Task ChangeAsync(int id, Action<Product> change)
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        change(await context.Products.SingleAsync(p => p.Id == id));
        await context.SaveChangesAsync();
        db.Get<CatalogCache>(scope).Invalidate();
    }

    private async Task<int> PostingCountAsync(int id)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM search_postings WHERE product_id = {id}").SingleAsync();
    }

    /// <summary>The postings' row versions (xmin): unchanged rows keep theirs.</summary>
    private async Task<List<string>> PostingVersionsAsync(int id)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Database
            .SqlQuery<string>($"SELECT lexeme || ':' || xmin::text AS \"Value\" FROM search_postings WHERE product_id = {id} ORDER BY lexeme").ToListAsync();
    }

    /// <summary>The products PostgreSQL's own full-text match finds through the GIN index, for comparison.</summary>
    private async Task<List<int>> GinIdsAsync(string text)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Database
            .SqlQuery<int>($"SELECT id AS \"Value\" FROM products WHERE is_published AND search_vector @@ plainto_tsquery('english', {text}) ORDER BY id").ToListAsync();
    }

    private async Task<List<int>> IdsAsync(string text) => [.. (await SearchAsync(text)).Items.Select(p => p.Id)];

    private async Task<SearchResult> SearchAsync(string text)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductSearch>(scope).SearchAsync(new SearchQuery { Text = text, PageSize = 100 });
    }
}
