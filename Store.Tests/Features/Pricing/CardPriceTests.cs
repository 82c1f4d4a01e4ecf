using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Search;

namespace Store.Tests.Features.Pricing;

public class CardPriceTests(PricingFixture db) : IClassFixture<PricingFixture>
{
    [Fact]
    public async Task Cards_WhenTheCheapestOptionIsSoldOut_QuoteTheCheapestOptionThatCanBeBoughtLikeTheProductPage()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var product = await context.Products
            .Where(p => !p.AllowBackorders && p.Variants.Count() > 1)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Slug, p.Name, p.CategoryId, Cheapest = p.Variants.OrderBy(v => v.Id).First().Id })
            .FirstAsync();

        // One option a dollar cheaper than the others, as an owner would price a smaller size.
        var cheapest = await context.Variants.SingleAsync(v => v.Id == product.Cheapest);
        var others = await context.Variants.Where(v => v.ProductId == product.Id && v.Id != product.Cheapest).MinAsync(v => v.PriceMinor);
        cheapest.ChangePrice(others - 100);
        await context.SaveChangesAsync();
        var catalog = db.Get<CatalogQueries>(scope);
        var before = (await catalog.ByCategoryAsync(product.CategoryId, 1, 500)).Items.Single(p => p.Id == product.Id);

        // The cheapest option sells out everywhere (every unit held for unpaid orders).
        await context.Database.ExecuteSqlAsync($"UPDATE inventory SET reserved = on_hand WHERE variant_id = {product.Cheapest}");
        db.Get<CatalogCache>(scope).Invalidate(); // as the cache's expiry would

        var card = (await catalog.ByCategoryAsync(product.CategoryId, 1, 500)).Items.Single(p => p.Id == product.Id);
        var found = (await db.Get<ProductSearch>(scope).SearchAsync(new SearchQuery { Text = product.Name, PageSize = 100 })).Items.Single(p => p.Id == product.Id);
        var page = (await catalog.ProductAsync(product.Slug))!;

        Assert.NotEqual(product.Cheapest, page.Offer.Default!.Id);
        Assert.True(card.PriceFromMinor > before.PriceFromMinor, $"the sold-out option's lower price is no longer quoted: {before.PriceFromMinor} then {card.PriceFromMinor}, page {page.Offer.Headline!.PriceMinor}, others {others}");
        Assert.Equal(page.Offer.Headline!.PriceMinor, card.PriceFromMinor);
        Assert.Equal(page.Offer.Headline.PriceMinor, found.PriceFromMinor);
        Assert.True(card.InStock);
    }
}
