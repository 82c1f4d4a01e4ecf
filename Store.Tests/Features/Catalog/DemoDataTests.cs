using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Catalog;

public class DemoDataTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Seed_GivesABelievableCatalogWithStockInTwoLocations()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);

        Assert.True(await context.Products.CountAsync() >= 150);
        Assert.True(await context.Categories.CountAsync() >= 8);
        Assert.Equal(2, await context.Locations.CountAsync());
        Assert.True(await context.Variants.AnyAsync(v => v.Size != null && v.Colour != null));
        Assert.False(await context.Variants.AnyAsync(v => !context.Inventory.Any(i => i.VariantId == v.Id)));
        Assert.False(await context.Products.AnyAsync(p => p.Description == "" || !p.Variants.Any()));
    }

    [Fact]
    public async Task Seed_GivesWeightsTaxClassesAndRealisticTaxAndShippingZones()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);

        Assert.False(await context.Variants.AnyAsync(v => v.WeightGrams <= 0));
        Assert.True(await context.Products.Where(p => p.Category!.Slug == "kitchen").AllAsync(p => p.TaxClass == Store.Domain.Tax.TaxClass.Reduced));
        var rates = await context.TaxZones.ToDictionaryAsync(z => z.Region is null ? z.Country : $"{z.Country}/{z.Region}", z => (z.StandardRate, z.ReducedRate));
        Assert.Equal((7.25m, 7.25m), rates["US/CA"]);
        Assert.Equal((0m, 0m), rates["US/OR"]);
        Assert.Equal((19m, 7m), rates["DE"]);
        Assert.Equal((20m, 5.5m), rates["FR"]);
        Assert.Equal((21m, 9m), rates["NL"]);
        Assert.Equal((6.25m, 6.25m), rates["US/IL"]);
        Assert.Equal(51 + 27, rates.Count);
        Assert.Equal(["dhl-intl", "ups-2day", "usps-ground"], await context.ShippingMethods.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
    }

    [Fact]
    public async Task ByCategory_PagesThroughEveryProductOnce()
    {
        await using var scope = db.Scope();
        var catalog = db.Get<CatalogQueries>(scope);
        var category = (await catalog.CategoriesAsync())[0];

        var first = await catalog.ByCategoryAsync(category.Id, 1, 12);
        var second = await catalog.ByCategoryAsync(category.Id, 2, 12);

        Assert.Equal(20, first.TotalCount);
        Assert.Equal(2, first.TotalPages);
        Assert.Equal(20, first.Items.Concat(second.Items).Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task After_PagesByKeyWithoutGapsOrRepeats()
    {
        await using var scope = db.Scope();
        var catalog = db.Get<CatalogQueries>(scope);
        var seen = new List<int>();
        var cursor = 0;
        while (true)
        {
            var page = await catalog.AfterAsync(cursor, 50, null);
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(p => p.Id));
            cursor = page[^1].Id;
        }

        Assert.Equal(await db.Get<StoreDbContext>(scope).Products.CountAsync(p => p.IsPublished), seen.Distinct().Count());
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public async Task Product_ShowsAvailabilityAcrossLocations()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 6, skip: 5);
        await using var scope = db.Scope();
        var slug = await db.Get<StoreDbContext>(scope).Variants.Where(v => v.Id == variantId).Select(v => v.Product.Slug).SingleAsync();

        var product = await db.Get<CatalogQueries>(scope).ProductAsync(slug);

        Assert.Equal(6, product!.Variants.Single(v => v.Id == variantId).Available);
    }
}
