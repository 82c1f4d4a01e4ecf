using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Store.Infrastructure;
using Store.Infrastructure.Data;
using Store.Tests.Support;
using Store.Web.Admin.Catalog;

namespace Store.Tests.Components;

/// <summary>The admin variant grid over the class's own database (its service is the real one).</summary>
public class VariantGridTests : AdminPageContext, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture db;

    public VariantGridTests(DatabaseFixture db)
        : base(db.ConnectionString, "staff@store.local")
    {
        this.db = db;
    }

    [Fact]
    public async Task GenerateThenSave_WithANewSizeValue_AddsOneVariantPerColourWithSuggestedSkus()
    {
        int productId;
        int before;
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            productId = await context.Products.Where(p => p.Category!.Slug == "hoodies").OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            before = await context.Variants.CountAsync(v => v.ProductId == productId);
        }

        var cut = Render<VariantGrid>(p => p.Add(g => g.ProductId, productId));
        cut.WaitForAssertion(() => Assert.Equal(before, cut.FindAll("[data-testid=variant-rows] tbody tr").Count), TimeSpan.FromSeconds(15));
        var sizes = cut.FindAll("input").First(i => i.GetAttribute("value")?.StartsWith("S, M", StringComparison.Ordinal) == true);

        await sizes.ChangeAsync(new() { Value = "S, M, L, XL, XXL" });
        await cut.Find("[data-testid=generate-variants]").ClickAsync(new());
        var colours = await ColoursAsync(productId);
        cut.WaitForAssertion(() => Assert.Equal(before + colours, cut.FindAll("[data-testid=variant-rows] tbody tr").Count));
        await cut.Find("[data-testid=save-variants]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=variant-rows] .mud-chip")), TimeSpan.FromSeconds(15));
        await using var check = db.Scope();
        var added = await db.Get<StoreDbContext>(check).Variants.Where(v => v.ProductId == productId && v.Size == "XXL").Select(v => v.Sku).ToListAsync();
        Assert.Equal(colours, added.Count);
        Assert.All(added, sku => Assert.Matches(@"^HOO-\d{4}(-[A-Z]{3})?-XXL-[A-Z]+$", sku));
    }

    private async Task<int> ColoursAsync(int productId)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Variants.Where(v => v.ProductId == productId).Select(v => v.Colour).Distinct().CountAsync();
    }
}
