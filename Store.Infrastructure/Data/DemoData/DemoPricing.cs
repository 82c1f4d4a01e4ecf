using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Infrastructure.Pricing;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>
/// A few sales (running, fixed-price, upcoming), floor prices on one category and one markdown rule, so the
/// storefront shows struck-through prices and the markdown job has something to do on a fresh install.
/// </summary>
public static class DemoPricing
{
    public const string MarkdownRuleName = "Clearance";

    public static async Task SeedAsync(StoreDbContext db, IClock clock, CancellationToken ct = default)
    {
        if (await db.SalePrices.AnyAsync(ct) || await db.MarkdownRules.AnyAsync(ct))
        {
            return;
        }

        var categories = await db.Categories.OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        if (categories.Count < 3)
        {
            return;
        }

        var now = clock.UtcNow;
        var firsts = await db.Products.Where(p => p.IsPublished).OrderBy(p => p.CategoryId).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.CategoryId, FirstVariant = p.Variants.OrderBy(v => v.Id).Select(v => new { v.Id, v.PriceMinor }).First() })
            .ToListAsync(ct);
        var inFirst = firsts.Where(p => p.CategoryId == categories[0]).Take(3).ToList();
        var inSecond = firsts.Where(p => p.CategoryId == categories[1]).Take(2).ToList();
        if (inFirst.Count < 3 || inSecond.Count < 2)
        {
            return;
        }

        var twoWeeks = now.AddDays(14);
        db.SalePrices.Add(new StoredSalePrice(inFirst[0].Id, null, "Sale", 20m, null, now.AddDays(-1), twoWeeks, now));
        db.SalePrices.Add(new StoredSalePrice(inFirst[1].Id, null, "Winter sale", 30m, null, now.AddDays(-1), twoWeeks, now));
        db.SalePrices.Add(new StoredSalePrice(null, inSecond[0].FirstVariant.Id, "Deal", null, inSecond[0].FirstVariant.PriceMinor * 3 / 4 / 100 * 100 - 1, now.AddDays(-1), now.AddDays(7), now));
        db.SalePrices.Add(new StoredSalePrice(inFirst[2].Id, null, "Weekend sale", 15m, null, now.AddDays(3), now.AddDays(5), now));

        // Clearance of the third category, never below 80 % of the regular price whatever the rule says.
        var clearance = categories[2];
        await db.Variants.Where(v => v.Product.CategoryId == clearance)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.FloorPriceMinor, v => v.PriceMinor * 8 / 10), ct);
        db.MarkdownRules.Add(new StoredMarkdownRule(MarkdownRuleName, 25m, stockAbove: 40, daysWithoutSale: 30, productId: null, categoryId: clearance, now));
        await db.SaveChangesAsync(ct);
        await new PriceFacts(db, new PriceResolver(db, clock), clock).RefreshAsync(ct);
    }
}
