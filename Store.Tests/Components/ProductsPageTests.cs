using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Store.Infrastructure.Data;
using Store.Tests.Support;
using Store.Web.Admin.Catalog;

namespace Store.Tests.Components;

/// <summary>The admin product list's "New product" form over the class's own database (its service is the real one).</summary>
public class ProductsPageTests : AdminPageContext, IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly DatabaseFixture db;

    public ProductsPageTests(DatabaseFixture db)
        : base(db.ConnectionString, "staff@store.local")
    {
        this.db = db;
    }

    [Fact]
    public async Task CreateDraft_WithoutACategoryThenWithOne_RefusesThenMakesADraftAndOpensItsPage()
    {
        int bags;
        await using (var scope = db.Scope())
        {
            bags = await db.Get<StoreDbContext>(scope).Categories.Where(c => c.Slug == "bags").Select(c => c.Id).FirstAsync();
        }

        var cut = Render<ProductsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a[href^='/admin/products/']")), Wait);
        cut.Find("input[data-testid=new-product-name]").Change("Canvas Field Tote");
        cut.Find("input[data-testid=new-product-sku]").Change("cft-1");
        cut.Find("input[data-testid=new-product-price]").Change("34.50");
        await cut.Find("button[data-testid=new-product-create]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Choose a category", cut.Find("[data-testid=new-product-error]").TextContent), Wait);
        Assert.False(await ExistsAsync("CFT-1"));

        var category = cut.FindComponent<MudSelect<int?>>();
        await cut.InvokeAsync(() => category.Instance.ValueChanged.InvokeAsync(bags));
        await cut.Find("button[data-testid=new-product-create]").ClickAsync(new());

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches(@"/admin/products/\d+$", navigation.Uri), Wait);
        await using var check = db.Scope();
        var product = await db.Get<StoreDbContext>(check).Products.Include(p => p.Variants).SingleAsync(p => p.Name == "Canvas Field Tote");
        Assert.EndsWith($"/admin/products/{product.Id}", navigation.Uri, StringComparison.Ordinal);
        Assert.Equal((false, bags), (product.IsPublished, product.CategoryId));
        Assert.Equal(("CFT-1", 3450L), (product.Variants.Single().Sku, product.Variants.Single().PriceMinor));
    }

    private async Task<bool> ExistsAsync(string sku)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Variants.AnyAsync(v => v.Sku == sku);
    }
}
