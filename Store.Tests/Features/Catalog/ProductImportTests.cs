using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Catalog.Import;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Catalog;

public class ProductImportTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string Header = "product_slug,product_name,status,category,brand,description,seo_title,seo_description,sku,option1_name,option1_value,option2_name,option2_value,barcode,price,weight_grams,stock";

    [Fact]
    public async Task Preview_WhenLinesAreBad_RejectsEachByItsLineNumberWithTheReason()
    {
        var csv = Lines(
            "storm-shell,Storm Shell,published,jackets,Northwind,\"A shell.\nTwo lines.\",,,IMP-1,Size,S,,,,129.00,700,5",
            "storm-shell,Storm Shell,published,jackets,Northwind,\"A shell.\nTwo lines.\",,,,Size,M,,,,129.00,700,5",
            "storm-shell,Storm Shell,published,jackets,Northwind,\"A shell.\nTwo lines.\",,,IMP-2,Size,L,,,,12.5x,700,5",
            "rain-cap,Rain Cap,published,hats-and-caps,Northwind,A cap.,,,IMP-3,,,,,,19.00,100,5",
            "storm-shell,Storm Shell,published,jackets,Northwind,\"A shell.\nTwo lines.\",,,IMP-1,Size,XL,,,,129.00,700,5",
            "storm-shell,Storm Shell,published,jackets,Northwind,\"A shell.\nTwo lines.\",,,IMP-4,Size,XS,,,,-3,700,5");

        var plan = await PreviewAsync(csv);

        Assert.False(plan.CanApply);
        Assert.Equal([2], plan.Added.Select(a => a.Line));
        Assert.Collection(
            plan.Rejected,
            r => Assert.Equal((4, "The SKU is missing."), (r.Line, r.Reason)),
            r => Assert.Equal((6, "IMP-2", true), (r.Line, r.Sku, r.Reason.Contains("price '12.5x'"))),
            r => Assert.Equal((8, "IMP-3", true), (r.Line, r.Sku, r.Reason.Contains("Unknown category 'hats-and-caps'"))),
            r => Assert.Equal((9, "IMP-1", true), (r.Line, r.Sku, r.Reason.Contains("already on line 2"))),
            r => Assert.Equal((11, "IMP-4", true), (r.Line, r.Sku, r.Reason.Contains("price '-3'"))));
    }

    [Fact]
    public async Task Apply_WhenAnyLineIsRejected_WritesNothingAtAll()
    {
        var csv = Lines(
            "summit-vest,Summit Vest,published,jackets,Brand New Co,A vest.,,,VEST-S,Size,S,,,,59.00,300,4",
            "summit-vest,Summit Vest,published,jackets,Brand New Co,A vest.,,,VEST-M,Size,M,,,,fifty,300,4");
        await using var scope = db.Scope();
        var before = await CountsAsync(db.Get<StoreDbContext>(scope));

        var result = await db.Get<ProductImportService>(scope).ApplyAsync(csv, "test");

        Assert.False(result.Applied);
        Assert.Equal([3], result.Plan.Rejected.Select(r => r.Line));
        Assert.Equal(["Brand New Co"], result.Plan.NewBrands);
        await using var check = db.Scope();
        Assert.Equal(before, await CountsAsync(db.Get<StoreDbContext>(check)));
    }

    [Fact]
    public async Task Apply_WhenEveryLineIsGood_AddsAProductWithItsVariantsAndChangesAnExistingPrice()
    {
        string existingSku;
        long existingPrice;
        await using (var setup = db.Scope())
        {
            var v = await db.Get<StoreDbContext>(setup).Variants.OrderBy(v => v.Id).Select(v => new { v.Sku, v.PriceMinor }).FirstAsync();
            (existingSku, existingPrice) = (v.Sku, v.PriceMinor);
        }

        var export = await ExportAsync();
        var existingLine = export.Split("\r\n").First(l => l.Contains($",{existingSku},", StringComparison.Ordinal));
        var changedLine = existingLine.Replace($",{(existingPrice / 100m):0.00},", ",1.23,", StringComparison.Ordinal);
        var csv = string.Join("\r\n", [
            string.Join(",", ProductCsv.Columns),
            "trail-gaiter,Trail Gaiter,draft,accessories,Kestrel,Keeps grit out.,Gaiters for the trail,Light gaiters.,GAIT-S-BLK,Size,S,Colour,Black,,,4006381333931,24.50,90,7",
            "trail-gaiter,Trail Gaiter,draft,accessories,Kestrel,Keeps grit out.,Gaiters for the trail,Light gaiters.,GAIT-M-BLK,Size,M,Colour,Black,,,,24.50,90,0",
            changedLine]);

        await using var scope = db.Scope();
        var result = await db.Get<ProductImportService>(scope).ApplyAsync(csv, "test");

        Assert.True(result.Applied, string.Join("; ", result.Plan.Rejected.Select(r => $"{r.Line}: {r.Reason}")));
        Assert.Equal([2, 3], result.Plan.Added.Select(a => a.Line));
        Assert.Equal([4], result.Plan.Changed.Select(c => c.Line));
        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        var gaiter = await context.Products.Include(p => p.Variants).Include(p => p.Options).SingleAsync(p => p.Slug == "trail-gaiter");
        Assert.False(gaiter.IsPublished);
        Assert.Equal("Kestrel", gaiter.Brand);
        Assert.Equal("Gaiters for the trail", gaiter.SeoTitle);
        Assert.Equal(["Size", "Colour"], gaiter.OptionSpecs().Select(o => o.Name));
        var small = gaiter.Variants.Single(v => v.Sku == "GAIT-S-BLK");
        Assert.Equal(("S / Black", "S", "Black", 2450L, 90, "4006381333931"), (small.Title, small.Size, small.Colour, small.PriceMinor, small.WeightGrams, small.Barcode));
        Assert.Equal(7, await context.Inventory.Where(i => i.VariantId == small.Id).SumAsync(i => i.OnHand));
        Assert.Equal(123, await context.Variants.Where(v => v.Sku == existingSku).Select(v => v.PriceMinor).SingleAsync());
    }

    [Fact]
    public async Task Import_OfAnExport_ChangesNothing()
    {
        var export = await ExportAsync();
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var variants = await context.Variants.CountAsync();
        var stamps = await context.Products.OrderBy(p => p.Id).Select(p => p.UpdatedAt).ToListAsync();

        var result = await db.Get<ProductImportService>(scope).ApplyAsync(export, "test");

        Assert.True(result.Applied);
        Assert.Empty(result.Plan.Rejected);
        Assert.Empty(result.Plan.Added);
        Assert.Empty(result.Plan.Changed);
        Assert.Empty(result.Plan.Notes);
        Assert.Equal(variants, result.Plan.Unchanged);
        await using var check = db.Scope();
        Assert.Equal(stamps, await db.Get<StoreDbContext>(check).Products.OrderBy(p => p.Id).Select(p => p.UpdatedAt).ToListAsync());
        Assert.Equal(export, await ExportAsync());
    }

    [Fact]
    public async Task Apply_WhenTheSameFileIsAppliedTwiceAtOnce_AddsTheProductAndItsStockOnce()
    {
        var csv = Lines(
            "camp-kettle,Camp Kettle,published,kitchen,Oakline,Boils fast.,,,KETTLE-1,,,,,,32.00,600,10");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = db.Scope();
            return await db.Get<ProductImportService>(scope).ApplyAsync(csv, "test");
        }));

        Assert.All(results, r => Assert.True(r.Applied));
        Assert.Single(results, r => r.Plan.Added.Count == 1);
        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        var variant = await context.Variants.SingleAsync(v => v.Sku == "KETTLE-1");
        Assert.Equal(10, await context.Inventory.Where(i => i.VariantId == variant.Id).SumAsync(i => i.OnHand));
    }

    [Fact]
    public async Task Preview_WhenTheHeaderLacksAColumn_SaysWhichAndPlansNothing()
    {
        var plan = await PreviewAsync("product_name,sku,price\nTee,T-1,10.00\n");

        Assert.Equal("The header lacks the column(s) product_slug, category.", plan.FileError);
        Assert.False(plan.CanApply);
    }

    private static string Lines(params string[] lines) => string.Join("\n", [Header, .. lines]) + "\n";

    private static async Task<(int Products, int Variants, int Brands, int Movements)> CountsAsync(StoreDbContext context) =>
        (await context.Products.CountAsync(), await context.Variants.CountAsync(), await context.Brands.CountAsync(), await context.StockMovements.CountAsync());

    private async Task<ImportPlan> PreviewAsync(string csv)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductImportService>(scope).PreviewAsync(csv);
    }

    private async Task<string> ExportAsync()
    {
        await using var scope = db.Scope();
        return await db.Get<ProductImportService>(scope).ExportAsync();
    }
}
