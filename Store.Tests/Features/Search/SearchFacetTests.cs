using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Search;

public class SearchFacetTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private sealed record Row(int Id, string Category, string Brand, long Price, bool InStock, string[] Sizes, string[] Colours);

    [Fact]
    public async Task Search_WhenFiltersCombine_EachFacetCountsWithAllOtherFiltersApplied()
    {
        var query = new SearchQuery { Brands = ["Northwind", "Oakline"], Sizes = ["M"], InStockOnly = true, Price = new PriceBand(50, 100), Categories = ["hoodies", "jackets"] };
        var rows = await RowsAsync();
        bool Cat(Row r) => query.Categories.Contains(r.Category);
        bool Brand(Row r) => query.Brands.Contains(r.Brand);
        bool Price(Row r) => r.Price is >= 5000 and < 10000;
        bool Size(Row r) => r.Sizes.Contains("M");
        bool Stock(Row r) => r.InStock;

        var result = await SearchAsync(query);

        Assert.Equal(rows.Count(r => Cat(r) && Brand(r) && Price(r) && Size(r) && Stock(r)), result.Total);
        Assert.Equal(result.Total, result.Items.Count);
        Assert.Equal(
            Counts(rows.Where(r => Brand(r) && Price(r) && Size(r) && Stock(r)).GroupBy(r => r.Category)),
            Facet(result, "category"));
        Assert.Equal(
            Counts(rows.Where(r => Cat(r) && Price(r) && Size(r) && Stock(r)).GroupBy(r => r.Brand)),
            Facet(result, "brand"));
        Assert.Equal(
            Counts(rows.Where(r => Cat(r) && Brand(r) && Price(r) && Stock(r)).SelectMany(r => r.Sizes).GroupBy(s => s)),
            Facet(result, "size"));
        Assert.Equal(
            Counts(rows.Where(r => Cat(r) && Brand(r) && Price(r) && Size(r) && Stock(r)).SelectMany(r => r.Colours).GroupBy(c => c)),
            Facet(result, "colour"));
        Assert.Equal(
            Counts(rows.Where(r => Cat(r) && Brand(r) && Size(r) && Stock(r)).GroupBy(r => PriceBand.Standard.First(b => b.MaxMinor is null || r.Price < b.MaxMinor).Key)),
            Facet(result, "price"));
        Assert.Equal(rows.Count(r => Cat(r) && Brand(r) && Price(r) && Size(r) && r.InStock), Assert.Single(result.Facet("instock").Values).Count);
    }

    [Fact]
    public async Task Search_WhenTextAndFilterCombine_FacetsCountOnlyMatchingProducts()
    {
        var all = await SearchAsync(new SearchQuery { Text = "hoodie" });
        var filtered = await SearchAsync(new SearchQuery { Text = "hoodie", Brands = [all.Facet("brand").Values[0].Value] });

        Assert.Equal(all.Facet("brand").Values[0].Count, filtered.Total);
        Assert.Equal(Facet(all, "brand"), Facet(filtered, "brand"));
    }

    [Theory]
    [InlineData(SearchSort.PriceAsc, null)]
    [InlineData(SearchSort.PriceDesc, null)]
    [InlineData(SearchSort.Newest, null)]
    [InlineData(SearchSort.Relevance, "trail")]
    [InlineData(SearchSort.Relevance, null)]
    public async Task Search_WhenPagingThroughEveryPage_SeesEachProductExactlyOnce(SearchSort sort, string? text)
    {
        var first = await SearchAsync(new SearchQuery { Text = text, Sort = sort, PageSize = 7 });
        var ids = new List<int>(first.Items.Select(p => p.Id));
        for (var page = 2; page <= first.TotalPages; page++)
        {
            ids.AddRange((await SearchAsync(new SearchQuery { Text = text, Sort = sort, PageSize = 7, Page = page })).Items.Select(p => p.Id));
        }

        Assert.True(first.Total > 7);
        Assert.Equal(first.Total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Search_WhenSortedByPrice_OrdersByLowestVariantPrice()
    {
        var result = await SearchAsync(new SearchQuery { Sort = SearchSort.PriceDesc, PageSize = 50 });

        Assert.Equal(result.Items.OrderByDescending(p => p.PriceFromMinor).Select(p => p.PriceFromMinor), result.Items.Select(p => p.PriceFromMinor));
    }

    private static Dictionary<string, int> Counts<T>(IEnumerable<IGrouping<string, T>> groups) =>
        groups.ToDictionary(g => g.Key, g => g.Count());

    private static Dictionary<string, int> Facet(SearchResult result, string name) =>
        result.Facet(name).Values.ToDictionary(v => v.Value, v => v.Count);

    private async Task<List<Row>> RowsAsync()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        return (await context.Products.AsNoTracking().Where(p => p.IsPublished)
            .Select(p => new
            {
                p.Id,
                Category = p.Category!.Slug,
                p.Brand,
                Price = p.Variants.Min(v => v.PriceMinor),
                InStock = context.Inventory.Any(i => p.Variants.Select(v => v.Id).Contains(i.VariantId) && i.OnHand - i.Reserved > 0),
                Sizes = p.Variants.Where(v => v.Size != null).Select(v => v.Size!).Distinct().ToArray(),
                Colours = p.Variants.Where(v => v.Colour != null).Select(v => v.Colour!).Distinct().ToArray(),
            }).ToListAsync())
            .Select(p => new Row(p.Id, p.Category, p.Brand, p.Price, p.InStock, p.Sizes, p.Colours)).ToList();
    }

    private async Task<SearchResult> SearchAsync(SearchQuery query)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductSearch>(scope).SearchAsync(query);
    }
}
