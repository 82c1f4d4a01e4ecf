using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Api.Catalog;

/// <summary>
/// <c>category=</c> means the category and everything below it, in the plain list and in search alike, as on the
/// category page. The tree here: Outerwear › Jackets › Hoodies (the demo's jackets and hoodies, 20 products each).
/// </summary>
public class CategoryFilterApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task GetProducts_WhenCategoryIsAParent_ListsTheProductsOfEverySubcategoryBelowIt()
    {
        await OuterwearTreeAsync();
        var client = app.CreateClient();

        var outerwear = await ItemsAsync(client, "/api/products?limit=100&category=outerwear");
        var jackets = await ItemsAsync(client, "/api/products?limit=100&category=jackets");
        var hoodies = await ItemsAsync(client, "/api/products?limit=100&category=hoodies");

        Assert.Equal(40, outerwear.Count);
        Assert.Equal(["hoodies", "jackets"], outerwear.Select(CategoryOf).Distinct().Order());
        Assert.Equal(outerwear.Select(SlugOf).Order(), jackets.Select(SlugOf).Order());
        Assert.Equal(20, hoodies.Count);
        Assert.All(hoodies, p => Assert.Equal("hoodies", CategoryOf(p)));
    }

    [Fact]
    public async Task GetProducts_WhenPagedByCursorInAParent_WalksEveryProductOnce()
    {
        await OuterwearTreeAsync();
        var client = app.CreateClient();
        var seen = new List<string>();

        for (int? cursor = 0; cursor is not null;)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/products?limit=15&category=outerwear&cursor={cursor}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(SlugOf));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetInt32();
        }

        Assert.Equal(40, seen.Count);
        Assert.Equal(40, seen.Distinct().Count());
    }

    [Fact]
    public async Task SearchProducts_WhenFilteredByAParentCategory_FindsItsSubcategoriesProductsAndCountsThemUnderTheirOwn()
    {
        await OuterwearTreeAsync();
        var client = app.CreateClient();

        var all = await client.GetFromJsonAsync<JsonElement>("/api/products?category=outerwear&pageSize=100");
        var words = await client.GetFromJsonAsync<JsonElement>("/api/products?q=hoodie&category=outerwear&pageSize=100");
        var withoutFilter = await client.GetFromJsonAsync<JsonElement>("/api/products?q=hoodie&pageSize=100");

        Assert.Equal(40, all.GetProperty("total").GetInt32());
        // Disjunctive: the category facet counts with every other filter, not its own, each product under its own category.
        Assert.Equal((20, 20), (Facet(all, "category")["hoodies"], Facet(all, "category")["jackets"]));
        Assert.DoesNotContain("outerwear", Facet(all, "category").Keys);
        Assert.True(words.GetProperty("total").GetInt32() > 0);
        Assert.All(words.GetProperty("items").EnumerateArray(), p => Assert.Contains(CategoryOf(p), new[] { "hoodies", "jackets" }));
        Assert.Equal(Facet(withoutFilter, "category").Where(f => f.Key is "hoodies" or "jackets").Sum(f => f.Value), words.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/products?category=no-such-category")]
    [InlineData("/api/products?limit=10&category=no-such-category")]
    public async Task GetProducts_WhenCategoryIsUnknown_AnswersAnEmptyList(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task SearchProducts_WhenCategoryIsUnknown_FindsNothing()
    {
        var body = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/products?q=hoodie&category=no-such-category");

        Assert.Equal(0, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SearchPage_FilteredByAParentCategory_ListsItsSubcategoriesProductsAndOffersToClearTheFilter()
    {
        await OuterwearTreeAsync();

        var html = await app.CreateClient().GetStringAsync("/search?category=outerwear");

        Assert.Contains("data-testid=\"search-total\">40 products", html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"true\" rel=\"nofollow\">✓ Outerwear</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/search\" class=\"selected\"", html, StringComparison.Ordinal);
    }

    /// <summary>Outerwear at the top, Jackets under it, Hoodies under Jackets; made once per test class.</summary>
    private async Task OuterwearTreeAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        if (await db.Categories.AnyAsync(c => c.Slug == "outerwear"))
        {
            return;
        }

        var categories = scope.ServiceProvider.GetRequiredService<CategoryAdminService>();
        var outerwear = (await categories.SaveAsync(new CategoryForm(null, null, "Outerwear", "outerwear", "Worn over the rest.", "", ""), "test")).Value;
        var jackets = await db.Categories.AsNoTracking().SingleAsync(c => c.Slug == "jackets");
        var hoodies = await db.Categories.AsNoTracking().SingleAsync(c => c.Slug == "hoodies");
        Assert.True((await categories.SaveAsync(new CategoryForm(jackets.Id, outerwear, jackets.Name, jackets.Slug, jackets.Description, "", ""), "test")).IsSuccess);
        Assert.True((await categories.SaveAsync(new CategoryForm(hoodies.Id, jackets.Id, hoodies.Name, hoodies.Slug, hoodies.Description, "", ""), "test")).IsSuccess);
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string url) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray()];

    private static string SlugOf(JsonElement product) => product.GetProperty("slug").GetString()!;

    private static string CategoryOf(JsonElement product) => product.GetProperty("categorySlug").GetString()!;

    private static Dictionary<string, int> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name)
            .GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32());
}
