using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Search;

public class SearchAttributeFacetTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] Materials = ["cotton", "wool", "nylon"];

    private sealed record Row(int Id, string Name, string Brand, bool InStock, string? Material, string? Waterproof);

    [Fact]
    public async Task Search_WhenAttributeFiltersCombineWithOthers_EachAttributeCountsWithEveryFilterButItsOwn()
    {
        var rows = await SeedAsync();
        var query = new SearchQuery
        {
            Brands = ["Northwind", "Oakline", "Bluebird"],
            InStockOnly = true,
            Attributes = new Dictionary<string, IReadOnlyList<string>> { ["material"] = ["cotton", "wool"], ["waterproof"] = ["true"] },
            PageSize = 100,
        };
        bool Brand(Row r) => query.Brands.Contains(r.Brand);
        bool Stock(Row r) => r.InStock;
        bool Material(Row r) => r.Material is "cotton" or "wool";
        bool Waterproof(Row r) => r.Waterproof == "true";

        var result = await SearchAsync(query);

        Assert.Equal(rows.Where(r => Brand(r) && Stock(r) && Material(r) && Waterproof(r)).Select(r => r.Id).Order(), result.Items.Select(p => p.Id).Order());
        Assert.True(result.Total > 0);
        Assert.Equal(
            Counts(rows.Where(r => Brand(r) && Stock(r) && Waterproof(r) && r.Material is not null).GroupBy(r => r.Material!)),
            Facet(result, "a.material"));
        Assert.Equal(
            Counts(rows.Where(r => Brand(r) && Stock(r) && Material(r) && r.Waterproof is not null).GroupBy(r => r.Waterproof!)),
            Facet(result, "a.waterproof"));
        Assert.Equal(
            Counts(rows.Where(r => Stock(r) && Material(r) && Waterproof(r)).GroupBy(r => r.Brand)),
            Facet(result, "brand"));
        Assert.Contains("nylon", Facet(result, "a.material").Keys);
        Assert.Equal(2, Facet(result, "a.waterproof").Count);
        Assert.Equal("Material", result.Facet("a.material").Label);
        Assert.Equal(["No", "Yes"], result.Facet("a.waterproof").Values.Select(v => v.Label));
    }

    [Fact]
    public async Task Search_WhenTextAndAnAttributeFilterCombine_CountsOnlyMatchingProducts()
    {
        var rows = await SeedAsync();
        const string word = "tee";

        var all = await SearchAsync(new SearchQuery { Text = word, PageSize = 100 });
        var wool = await SearchAsync(new SearchQuery { Text = word, PageSize = 100, Attributes = new Dictionary<string, IReadOnlyList<string>> { ["material"] = ["wool"] } });

        var woolCount = all.Facet("a.material").Values.Single(v => v.Value == "wool").Count;
        Assert.Equal(woolCount, wool.Total);
        Assert.All(wool.Items, p => Assert.Equal("wool", rows.Single(r => r.Id == p.Id).Material));
        Assert.Equal(Facet(all, "a.material"), Facet(wool, "a.material"));
        Assert.True(wool.Total < all.Total);
    }

    [Fact]
    public async Task Search_WhenACodeIsUnknown_MatchesNothingAndStillListsTheValueToUnselect()
    {
        await SeedAsync();

        var result = await SearchAsync(new SearchQuery { Attributes = new Dictionary<string, IReadOnlyList<string>> { ["no-such-code"] = ["x"] } });

        Assert.Equal(0, result.Total);
        var facet = result.Facet("a.no-such-code");
        Assert.Equal("no-such-code", facet.Label);
        Assert.Equal(new FacetValue("x", "x", 0), Assert.Single(facet.Values));
    }

    [Fact]
    public async Task FacetAttributes_FollowAProductsAttributeChangesAndACodesRenameAndDelete()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var service = db.Get<AttributeService>(scope);
        var lining = (await service.CreateAsync("lining", "Lining", AttributeType.Text, "test")).Value;
        var hooded = (await service.CreateAsync("hooded", "Hooded", AttributeType.Bool, "test")).Value;
        var product = await context.Products.OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync();
        async Task<string[]> EntriesAsync() =>
            [.. (await context.Database.SqlQuery<string[]>($"SELECT facet_attributes AS \"Value\" FROM products WHERE id = {product}").SingleAsync())
                .Where(e => !e.StartsWith("material=", StringComparison.Ordinal) && !e.StartsWith("waterproof=", StringComparison.Ordinal))];

        Assert.True((await service.SetForProductAsync(product, new Dictionary<int, string?> { [lining] = "fleece", [hooded] = "yes" }, "test")).IsSuccess);
        Assert.Equal(["hooded=true", "lining=fleece"], await EntriesAsync());

        Assert.True((await service.SetForProductAsync(product, new Dictionary<int, string?> { [lining] = "mesh", [hooded] = "" }, "test")).IsSuccess);
        Assert.Equal(["lining=mesh"], await EntriesAsync());

        await context.Database.ExecuteSqlRawAsync("UPDATE attribute_definitions SET code = 'inner' WHERE code = 'lining'");
        Assert.Equal(["inner=mesh"], await EntriesAsync());

        await context.Database.ExecuteSqlRawAsync("DELETE FROM attribute_definitions WHERE code = 'inner'");
        Assert.Empty(await EntriesAsync());
    }

    private static Dictionary<string, int> Counts(IEnumerable<IGrouping<string, Row>> groups) => groups.ToDictionary(g => g.Key, g => g.Count());

    private static Dictionary<string, int> Facet(SearchResult result, string name) =>
        result.Facet(name).Values.Where(v => v.Count > 0).ToDictionary(v => v.Value, v => v.Count);

    /// <summary>
    /// Material on most published products (cotton, wool, nylon in turn, none on every seventh), waterproof yes or no
    /// in turn (none on every fifth); the same on every call, so the class's tests share it.
    /// </summary>
    private async Task<List<Row>> SeedAsync()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var service = db.Get<AttributeService>(scope);
        if (!await context.AttributeDefinitions.AnyAsync(a => a.Code == "material"))
        {
            var material = (await service.CreateAsync("material", "Material", AttributeType.Text, "test")).Value;
            var waterproof = (await service.CreateAsync("waterproof", "Waterproof", AttributeType.Bool, "test")).Value;
            var ids = await context.Products.Where(p => p.IsPublished).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            for (var i = 0; i < ids.Count; i++)
            {
                var values = new Dictionary<int, string?>
                {
                    [material] = i % 7 == 6 ? null : Materials[i % 3],
                    [waterproof] = i % 5 == 4 ? null : i % 2 == 0 ? "yes" : "no",
                };
                Assert.True((await service.SetForProductAsync(ids[i], values, "test")).IsSuccess);
            }
        }

        return (await context.Products.AsNoTracking().Where(p => p.IsPublished)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Brand,
                InStock = context.Inventory.Any(i => p.Variants.Select(v => v.Id).Contains(i.VariantId) && i.OnHand - i.Reserved > 0),
                Material = context.ProductAttributes.Where(a => a.ProductId == p.Id && context.AttributeDefinitions.Any(d => d.Id == a.AttributeId && d.Code == "material")).Select(a => a.Value).FirstOrDefault(),
                Waterproof = context.ProductAttributes.Where(a => a.ProductId == p.Id && context.AttributeDefinitions.Any(d => d.Id == a.AttributeId && d.Code == "waterproof")).Select(a => a.Value).FirstOrDefault(),
            }).OrderBy(p => p.Id).ToListAsync())
            .Select(p => new Row(p.Id, p.Name, p.Brand, p.InStock, p.Material, p.Waterproof)).ToList();
    }

    private async Task<SearchResult> SearchAsync(SearchQuery query)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductSearch>(scope).SearchAsync(query);
    }
}
