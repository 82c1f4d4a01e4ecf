using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Api.Catalog;

public class CatalogVisibilityTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task DraftProduct_IsOnNoStorefrontPageSitemapSearchOrApi_UntilPublished()
    {
        var (id, slug, name, category) = await ProductAsync("jackets");
        await SetPublishedAsync(id, false);
        var client = Client();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/p/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/products/{slug}")).StatusCode);
        Assert.DoesNotContain($"/p/{slug}<", await client.GetStringAsync("/sitemap.xml"));
        Assert.DoesNotContain($"/p/{slug}\"", await CategoryPagesAsync(client, category));
        Assert.DoesNotContain(slug, await SlugsAsync(client, $"/api/products?q={Uri.EscapeDataString(name)}&pageSize=100"));
        Assert.DoesNotContain(slug, await SlugsAsync(client, $"/api/products?limit=100&category={category}"));
        Assert.DoesNotContain(slug, await client.GetStringAsync($"/api/products/suggest?q={Uri.EscapeDataString(name)}"));

        await SetPublishedAsync(id, true);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/p/{slug}")).StatusCode);
        Assert.Contains($"/p/{slug}<", await client.GetStringAsync("/sitemap.xml"));
        Assert.Contains($"/p/{slug}\"", await CategoryPagesAsync(client, category));
        Assert.Contains(slug, await SlugsAsync(client, $"/api/products?q={Uri.EscapeDataString(name)}&pageSize=100"));
        Assert.Contains(slug, await SlugsAsync(client, $"/api/products?limit=100&category={category}"));
    }

    [Fact]
    public async Task CategoryPage_OfAParent_ListsItsSubcategoriesProductsWithBreadcrumbs()
    {
        int parentId;
        using (var scope = app.Services.CreateScope())
        {
            var categories = scope.ServiceProvider.GetRequiredService<CategoryAdminService>();
            parentId = (await categories.SaveAsync(new CategoryForm(null, null, "Outerwear", "outerwear", "Everything worn over the rest.", "Outerwear for every trail", ""), "test")).Value;
            var jackets = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Categories.SingleAsync(c => c.Slug == "jackets");
            Assert.True((await categories.SaveAsync(new CategoryForm(jackets.Id, parentId, jackets.Name, jackets.Slug, jackets.Description, "", ""), "test")).IsSuccess);
        }

        var (_, slug, _, _) = await ProductAsync("jackets");
        var client = Client();

        var parentPages = await CategoryPagesAsync(client, "outerwear");
        var product = await client.GetStringAsync($"/p/{slug}");
        var child = await client.GetStringAsync("/c/jackets");

        Assert.Contains($"/p/{slug}\"", parentPages);
        Assert.Contains("<title>Outerwear for every trail", parentPages);
        Assert.Contains("href=\"/c/jackets\"", parentPages);
        Assert.Contains("<a href=\"/c/outerwear\">Outerwear</a></li>", child);
        Assert.Contains("<a href=\"/c/outerwear\">Outerwear</a></li><li><a href=\"/c/jackets\">Jackets</a>", product);
    }

    [Fact]
    public async Task ProductCsvExport_IsForStaffOnly_AndHasALinePerVariant()
    {
        var anonymous = await Client().GetAsync("/admin/catalog/products.csv");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var response = await client.GetAsync("/admin/catalog/products.csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd().Split("\r\n");
        using var scope = app.Services.CreateScope();
        var variants = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Variants.CountAsync();

        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("product_slug,product_name,status,category,brand", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(variants + 1, lines.Length);
    }

    [Theory]
    [InlineData("/admin/categories")]
    [InlineData("/admin/brands")]
    [InlineData("/admin/products/import")]
    public async Task CatalogAdminPages_WhenSignedInAsAdmin_AreServed_AndAnonymousIsRedirected(string url)
    {
        var anonymous = await Client().GetAsync(url);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("_framework/blazor.web.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPage_LoadsMudBlazorsScriptInThePageBeforeBlazorStarts_AndTheStorefrontDoesNot()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var admin = await client.GetStringAsync("/admin/products");
        var storefront = await client.GetStringAsync("/");

        // The components call the script as they first render; one added later by the circuit can come too late.
        var mud = admin.IndexOf("<script src=\"_content/MudBlazor/MudBlazor.min.js\"></script>", StringComparison.Ordinal);
        Assert.InRange(mud, 0, admin.IndexOf("<script src=\"_framework/blazor.web.js\"", StringComparison.Ordinal));
        Assert.Contains("href=\"_content/MudBlazor/MudBlazor.min.css\"", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=\"_content/MudBlazor", storefront, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"_content/MudBlazor", storefront, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CategoryPage_FilteredByABoolAttribute_ListsOnlyProductsWithThatValueAndOffersItWithACount()
    {
        List<string> slugs;
        using (var scope = app.Services.CreateScope())
        {
            var attributes = scope.ServiceProvider.GetRequiredService<AttributeService>();
            var waterproof = (await attributes.CreateAsync(null, "Waterproof", Store.Domain.Catalog.AttributeType.Bool, "test")).Value;
            var products = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Products
                .Where(p => p.Category!.Slug == "footwear").OrderBy(p => p.Id).Select(p => new { p.Id, p.Slug }).Take(3).ToListAsync();
            Assert.True((await attributes.SetForProductAsync(products[0].Id, new Dictionary<int, string?> { [waterproof] = "yes" }, "test")).IsSuccess);
            Assert.True((await attributes.SetForProductAsync(products[1].Id, new Dictionary<int, string?> { [waterproof] = "true" }, "test")).IsSuccess);
            Assert.True((await attributes.SetForProductAsync(products[2].Id, new Dictionary<int, string?> { [waterproof] = "no" }, "test")).IsSuccess);
            Assert.Equal("attribute.value", (await attributes.SetForProductAsync(products[2].Id, new Dictionary<int, string?> { [waterproof] = "sometimes" }, "test")).Error?.Code);
            slugs = [.. products.Select(p => p.Slug)];
        }

        var client = Client();
        var all = await client.GetStringAsync("/c/footwear");
        var filtered = await client.GetStringAsync("/c/footwear?a.waterproof=true");

        Assert.Contains("Yes (2)", all);
        Assert.Contains("No (1)", all);
        Assert.Contains($"/p/{slugs[0]}\"", filtered);
        Assert.Contains($"/p/{slugs[1]}\"", filtered);
        Assert.Equal(2, filtered.Split("data-testid=\"product-card\"").Length - 1);
    }

    private async Task<(int Id, string Slug, string Name, string Category)> ProductAsync(string category)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var p = await db.Products.Where(p => p.Category!.Slug == category).OrderBy(p => p.Id).Select(p => new { p.Id, p.Slug, p.Name }).FirstAsync();
        return (p.Id, p.Slug, p.Name, category);
    }

    private async Task SetPublishedAsync(int id, bool published)
    {
        using var scope = app.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<ProductAdminService>();
        var edit = (await admin.GetForEditAsync(id))!;
        Assert.True((await admin.UpdateAsync(edit with { Published = published }, "test")).IsSuccess);
    }

    /// <summary>Every page of the category, as one string (the category pages 12 products at a time).</summary>
    private static async Task<string> CategoryPagesAsync(HttpClient client, string category)
    {
        var pages = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            pages.Add(await client.GetStringAsync($"/c/{category}?page={page}"));
        }

        return string.Join("\n", pages);
    }

    private static async Task<List<string>> SlugsAsync(HttpClient client, string url)
    {
        var json = await client.GetFromJsonAsync<JsonElement>(url);
        return [.. json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!)];
    }
}
