using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Search;

public class SearchRelevanceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Search_WhenOneProductNamesTheWordAndAnotherOnlyDescribesIt_RanksTheNameMatchFirst()
    {
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            var category = await context.Categories.FirstAsync();
            var brand = await context.Brands.FirstAsync(b => b.Name == "Oakline");
            var described = new Product("Plain Lamp", "plain-lamp", "Glows like a zephyr at dusk.", brand, category.Id, "USD", DateTimeOffset.UtcNow);
            described.AddVariant("REL-1", "One", null, null, 1000);
            var named = new Product("Zephyr Lamp", "zephyr-lamp", "A small lamp.", brand, category.Id, "USD", DateTimeOffset.UtcNow.AddDays(-1));
            named.AddVariant("REL-2", "One", null, null, 1000);
            context.Products.AddRange(described, named);
            await context.SaveChangesAsync();
        }

        var result = await SearchAsync(new SearchQuery { Text = "Zephyr" });

        Assert.Equal(["Zephyr Lamp", "Plain Lamp"], result.Items.Select(p => p.Name));
    }

    [Fact]
    public async Task Search_WhenWordIsMisspelt_FindsHoodiesAndOffersTheCorrection()
    {
        var result = await SearchAsync(new SearchQuery { Text = "hoddie" });

        Assert.Equal("hoodie", result.DidYouMean);
        Assert.True(result.Total >= 5);
        Assert.All(result.Items, p => Assert.Equal("hoodies", p.CategorySlug));
        Assert.Contains(result.Items, p => p.Name.Contains("Hoodie", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_WhenWordIsSpeltRight_OffersNoCorrection()
    {
        var result = await SearchAsync(new SearchQuery { Text = "hoodies" });

        Assert.Null(result.DidYouMean);
        Assert.True(result.Total >= 5);
    }

    [Fact]
    public async Task Search_WhenCategoryIsRenamed_FindsItsProductsByTheNewName()
    {
        await using (var scope = db.Scope())
        {
            await db.Get<StoreDbContext>(scope).Database.ExecuteSqlRawAsync("UPDATE categories SET name = 'Cookware' WHERE slug = 'kitchen'");
        }

        var result = await SearchAsync(new SearchQuery { Text = "cookware", PageSize = 50 });

        Assert.Equal(20, result.Total);
        Assert.All(result.Items, p => Assert.Equal("kitchen", p.CategorySlug));
    }

    [Fact]
    public async Task Suggest_WhenPrefixIsTyped_ReturnsAtMostEightNamesWithAWordStartingWithIt()
    {
        await using var scope = db.Scope();

        var suggestions = await db.Get<ProductSearch>(scope).SuggestAsync("hoo");

        Assert.InRange(suggestions.Count, 1, ProductSearch.SuggestionCount);
        Assert.All(suggestions, s => Assert.Contains(s.Name.ToLowerInvariant().Split(' '), w => w.StartsWith("hoo", StringComparison.Ordinal)));
    }

    private async Task<SearchResult> SearchAsync(SearchQuery query)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductSearch>(scope).SearchAsync(query);
    }
}
