using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Catalog;

public class CatalogAdminTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task BrandRename_ReachesEveryProductAndSearch()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var brand = await context.Brands.AsNoTracking().SingleAsync(b => b.Name == "Kestrel");
        var count = await context.Products.CountAsync(p => p.BrandId == brand.Id);

        Assert.True((await db.Get<BrandService>(scope).SaveAsync(brand.Id, "Zanzibar Peregrine", "zanzibar-peregrine", "", "test")).IsSuccess);

        await using var check = db.Scope();
        Assert.Equal(count, await db.Get<StoreDbContext>(check).Products.CountAsync(p => p.Brand == "Zanzibar Peregrine"));
        var found = await db.Get<ProductSearch>(check).SearchAsync(new SearchQuery { Text = "zanzibar", PageSize = 100 });
        Assert.Equal(count, found.Total);
        Assert.Contains(found.Facets.Single(f => f.Name == "brand").Values, v => v.Value == "Zanzibar Peregrine" && v.Count == count);
    }

    [Fact]
    public async Task BrandDelete_WhenProductsHaveIt_RefusesWithAReason()
    {
        await using var scope = db.Scope();
        var brand = await db.Get<StoreDbContext>(scope).Brands.FirstAsync();

        var deleted = await db.Get<BrandService>(scope).DeleteAsync(brand.Id, "test");

        Assert.Equal("brand.in-use", deleted.Error?.Code);
    }

    [Fact]
    public async Task CategoryMove_UnderItsOwnSubcategory_IsRefusedAndReorderSwapsSiblings()
    {
        await using var scope = db.Scope();
        var categories = db.Get<CategoryAdminService>(scope);
        var top = (await categories.SaveAsync(new CategoryForm(null, null, "Gear", null, "", "", ""), "test")).Value;
        var child = (await categories.SaveAsync(new CategoryForm(null, top, "Packs", null, "", "", ""), "test")).Value;
        var second = (await categories.SaveAsync(new CategoryForm(null, top, "Bottles", null, "", "", ""), "test")).Value;

        var cycle = await categories.SaveAsync(new CategoryForm(top, child, "Gear", "gear", "", "", ""), "test");
        var moved = await categories.MoveAmongSiblingsAsync(second, -1, "test");

        Assert.Equal("category.parent", cycle.Error?.Code);
        Assert.True(moved.IsSuccess);
        var tree = await categories.TreeAsync();
        Assert.Equal(["Gear", "Bottles", "Packs"], tree.SkipWhile(r => r.Id != top).Take(3).Select(r => r.Name));
        Assert.Equal([0, 1, 1], tree.SkipWhile(r => r.Id != top).Take(3).Select(r => r.Depth));
    }

    [Fact]
    public async Task VariantGrid_GeneratesTheMissingCombinationsAndSavesThemWithStock()
    {
        int productId;
        await using (var setup = db.Scope())
        {
            productId = await db.Get<StoreDbContext>(setup).Products.Where(p => p.Category!.Slug == "t-shirts").OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }

        await using var scope = db.Scope();
        var grids = db.Get<VariantGridService>(scope);
        var grid = (await grids.GetAsync(productId))!;
        var options = grid.Options.Select(o => o.Name == "Size" ? new OptionSpec("Size", [.. o.Values, "XXL"]) : o).ToList();

        Assert.Null(VariantGridService.Generate(grid, options, "TEE-NEW", out var generated));
        var added = generated.Rows.Where(r => r.Id is null).ToList();
        Assert.Equal(grid.Options.Single(o => o.Name == "Colour").Values.Count, added.Count);
        Assert.All(added, r => Assert.Equal("XXL", r.OptionValues[0]));
        var edited = generated with { Rows = [.. generated.Rows.Select(r => r.Id is null ? r with { Stock = 6, Barcode = "123" } : r)] };
        var saved = await grids.SaveAsync(edited, "test");

        Assert.True(saved.IsSuccess, saved.Error?.Message);
        await using var check = db.Scope();
        var after = (await db.Get<VariantGridService>(check).GetAsync(productId))!;
        Assert.Equal(generated.Rows.Count, after.Rows.Count);
        Assert.All(after.Rows.Where(r => r.OptionValues[0] == "XXL"), r => Assert.Equal((6, "123", "XXL"), (r.Stock, r.Barcode, r.Title.Split(" / ")[0])));
        Assert.Contains("XXL", after.Options.Single(o => o.Name == "Size").Values);
    }

    [Fact]
    public async Task VariantGrid_WhenASkuBelongsToAnotherProduct_SavesNothing()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var ids = await context.Products.Where(p => p.Category!.Slug == "hoodies").OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToListAsync();
        var otherSku = await context.Variants.Where(v => v.ProductId == ids[1]).Select(v => v.Sku).FirstAsync();
        var grids = db.Get<VariantGridService>(scope);
        var grid = (await grids.GetAsync(ids[0]))!;
        var before = grid.Rows.Select(r => (r.Sku, r.PriceMinor)).ToList();

        var saved = await grids.SaveAsync(grid with { Rows = [.. grid.Rows.Select((r, i) => i == 0 ? r with { Sku = otherSku } : r with { PriceMinor = 1 })] }, "test");

        Assert.Equal("variant.sku", saved.Error?.Code);
        await using var check = db.Scope();
        Assert.Equal(before, (await db.Get<VariantGridService>(check).GetAsync(ids[0]))!.Rows.Select(r => (r.Sku, r.PriceMinor)));
    }

    [Fact]
    public async Task VariantGrid_WhenTheProductHasOnePlainVariant_GivesItTheFirstCombinationAndKeepsItsStock()
    {
        int productId;
        await using (var setup = db.Scope())
        {
            var category = await db.Get<StoreDbContext>(setup).Categories.Where(c => c.Slug == "bags").Select(c => c.Id).FirstAsync();
            var created = await db.Get<ProductAdminService>(setup).CreateAsync(new NewProduct("Grid Tote", null, null, category, false, [new NewVariant("GRID-TOTE", null, null, null, 2500, 4)]), "test");
            productId = created.Value;
        }

        await using var scope = db.Scope();
        var grids = db.Get<VariantGridService>(scope);
        var grid = (await grids.GetAsync(productId))!;
        var plain = Assert.Single(grid.Rows);

        Assert.Null(VariantGridService.Generate(grid, [new OptionSpec("Size", ["S", "M", "L"])], "GRID", out var generated));
        Assert.Equal([("S", plain.Id), ("M", null), ("L", null)], generated.Rows.Select(r => (r.Title, r.Id)));
        Assert.Equal(["GRID-TOTE", "GRID-M", "GRID-L"], generated.Rows.Select(r => r.Sku));
        var saved = await grids.SaveAsync(generated, "test");

        Assert.True(saved.IsSuccess, saved.Error?.Message);
        await using var check = db.Scope();
        var after = (await db.Get<VariantGridService>(check).GetAsync(productId))!;
        Assert.Equal([(plain.Id, "S", 4), (after.Rows[1].Id, "M", 0), (after.Rows[2].Id, "L", 0)], after.Rows.Select(r => (r.Id, string.Join("", r.OptionValues), r.Stock)));
        Assert.All(after.Rows, r => Assert.Single(r.OptionValues));
    }

    [Fact]
    public async Task VariantGrid_WhenTheOnePlainVariantIsNamedAfterACombination_GivesItThatOne()
    {
        int productId;
        await using (var setup = db.Scope())
        {
            var category = await db.Get<StoreDbContext>(setup).Categories.Where(c => c.Slug == "bags").Select(c => c.Id).FirstAsync();
            var created = await db.Get<ProductAdminService>(setup).CreateAsync(new NewProduct("Named Tote", null, null, category, false, [new NewVariant("NAMED-TOTE", "M", null, null, 2500, 0)]), "test");
            productId = created.Value;
        }

        await using var scope = db.Scope();
        var grid = (await db.Get<VariantGridService>(scope).GetAsync(productId))!;

        Assert.Null(VariantGridService.Generate(grid, [new OptionSpec("Size", ["S", "M", "L"])], "NAMED", out var generated));
        Assert.Equal([("M", (int?)grid.Rows[0].Id), ("S", null), ("L", null)], generated.Rows.Select(r => (r.Title, r.Id)));
    }
}
