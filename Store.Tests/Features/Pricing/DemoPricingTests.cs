using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.DemoData;
using Store.Infrastructure.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Features.Pricing;

public class DemoPricingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Seed_OnTheDemoCatalog_PutsProductsOnSaleWithFloorsAndAClearanceRuleOnce()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var clock = db.Get<IClock>(scope);

        await DemoPricing.SeedAsync(context, clock);
        await DemoPricing.SeedAsync(context, clock);

        Assert.Equal(4, await context.SalePrices.CountAsync());
        var rule = Assert.Single(await context.MarkdownRules.ToListAsync());
        Assert.Equal(DemoPricing.MarkdownRuleName, rule.Name);
        Assert.True(await context.Variants.AnyAsync(v => v.FloorPriceMinor != null && v.Product.CategoryId == rule.CategoryId));
        var first = await context.Categories.OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Select(c => c.Id).FirstAsync();
        db.Get<CatalogCache>(scope).Invalidate();
        var cards = (await db.Get<CatalogQueries>(scope).ByCategoryAsync(first, 1, 100)).Items;
        Assert.Equal(2, cards.Count(c => c.PriceNote is not null && c.WasMinor > c.PriceFromMinor));

        // Nothing has sold yet, so every clearance variant with more than 40 available is marked down.
        var slow = await context.Variants.Where(v => v.Product.CategoryId == rule.CategoryId && v.Product.IsPublished)
            .CountAsync(v => context.Inventory.Where(i => i.VariantId == v.Id).Sum(i => i.OnHand - i.Reserved) > 40);
        Assert.True(slow > 0);
        var run = await db.Get<MarkdownService>(scope).EvaluateAsync();
        Assert.Equal(slow, run.Started);
        Assert.Equal(slow, await context.Markdowns.CountAsync(m => m.RuleId == rule.Id && m.EndedAt == null));
    }
}
