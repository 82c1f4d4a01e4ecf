using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Domain.Pricing;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Pricing;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Pricing;

public class SalePriceTests(PricingFixture db) : IClassFixture<PricingFixture>
{
    [Fact]
    public async Task PlaceOrder_WhenASaleIsInItsWindow_ChargesTheSalePriceAndTheOrderItemKeepsItsExplanationAfterTheSaleEnds()
    {
        var variantId = await db.VariantOfProductAsync(3, units: 10);
        var (sku, regular, _, _) = await db.VariantAsync(variantId);
        var ends = db.Clock.UtcNow.AddDays(2);
        await db.SaleAsync(new SaleForm(sku, false, "Sale", 20m, null, db.Clock.UtcNow.AddHours(-1), ends));
        var sale = regular - new Percent(20m).Of(new Money(regular, "USD")).Minor;
        var explanation = $"Sale −20 % until {ends.ToString("d MMM", CultureInfo.InvariantCulture)}";

        var cart = await StoreScenario.GuestCartWithAsync(db, variantId, 2);
        CartView view;
        CheckoutQuote quote;
        await using (var scope = db.Scope())
        {
            view = await db.Get<CartService>(scope).ReviewAsync(new CartOwner(cart, null));
            quote = (await db.Get<CheckoutTotalsService>(scope).QuoteAsync(view.Lines, new Destination("US", "ME", "04101"), null)).Value;
        }

        var line = Assert.Single(view.Lines);
        Assert.Equal((sale, regular, PriceSource.Sale, explanation), (line.UnitPriceMinor, line.Price!.BasePrice.Minor, line.Price.Explanation.Source, line.Price.Explanation.Text));
        Assert.Equal(2 * sale, view.Totals.SubtotalMinor);
        Assert.Equal(2 * sale, quote.Totals.SubtotalMinor);

        var placed = await StoreScenario.PlaceAsync(db, cart);
        Assert.Equal(quote.Totals.TotalMinor, placed.TotalMinor);

        db.Clock.Advance(TimeSpan.FromDays(3));
        var later = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await using (var scope = db.Scope())
        {
            var afterSale = Assert.Single((await db.Get<CartService>(scope).GetAsync(new CartOwner(later, null))).Lines);
            Assert.Equal((regular, PriceSource.Base), (afterSale.UnitPriceMinor, afterSale.Price!.Explanation.Source));

            var order = (await db.Get<OrderQueries>(scope).DetailAsync(placed.OrderId))!;
            var item = Assert.Single(order.Items);
            Assert.Equal((sale, regular, explanation, 2 * sale), (item.UnitPriceMinor, item.RegularPriceMinor, item.PriceExplanation, order.SubtotalMinor));
        }
    }

    [Fact]
    public async Task ReviewCart_WhenASaleStartsWhileTheItemIsInTheCart_ChargesTheSalePriceAndSaysThePriceChanged()
    {
        var variantId = await db.VariantOfProductAsync(7, units: 10);
        var (sku, regular, _, _) = await db.VariantAsync(variantId);
        await db.SaleAsync(new SaleForm(sku, false, "Flash sale", null, regular - 500, db.Clock.UtcNow.AddHours(1), db.Clock.UtcNow.AddHours(5)));
        var cart = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await using (var scope = db.Scope())
        {
            Assert.Equal(regular, (await db.Get<CartService>(scope).ReviewAsync(new CartOwner(cart, null))).Totals.SubtotalMinor);
        }

        db.Clock.Advance(TimeSpan.FromHours(2));

        await using (var scope = db.Scope())
        {
            var view = await db.Get<CartService>(scope).ReviewAsync(new CartOwner(cart, null));
            Assert.Equal(regular - 500, view.Totals.SubtotalMinor);
            Assert.Contains(view.Notices, n => n.Contains("changed", StringComparison.Ordinal));
            Assert.StartsWith("Flash sale", Assert.Single(view.Lines).Price!.Explanation.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CatalogAndSearch_WhenAProductIsOnSale_ShowTheSalePriceWithTheRegularPriceAndTheReason()
    {
        var variantId = await db.VariantOfProductAsync(11, units: 10);
        var (_, _, productId, slug) = await db.VariantAsync(variantId);
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var product = await context.Products.Where(p => p.Id == productId)
            .Select(p => new { p.Name, p.CategoryId, Lowest = p.Variants.Min(v => v.PriceMinor) })
            .SingleAsync();
        await db.SaleAsync(new SaleForm(slug, true, "Sale", 25m, null, db.Clock.UtcNow.AddMinutes(-5), null));
        var sale = product.Lowest - new Percent(25m).Of(new Money(product.Lowest, "USD")).Minor;

        var catalog = db.Get<CatalogQueries>(scope);
        var card = (await catalog.ByCategoryAsync(product.CategoryId, 1, 100)).Items.Single(p => p.Id == productId);
        var detail = (await catalog.ProductAsync(slug))!;
        var found = (await db.Get<ProductSearch>(scope).SearchAsync(new SearchQuery { Text = product.Name, PageSize = 100 })).Items.Single(p => p.Id == productId);

        Assert.Equal((sale, product.Lowest, "Sale −25 %"), (card.PriceFromMinor, card.WasMinor, card.PriceNote));
        Assert.Equal((sale, product.Lowest, "Sale −25 %"), (found.PriceFromMinor, found.WasMinor, found.PriceNote));
        Assert.All(detail.Variants, v => Assert.Equal("Sale −25 %", v.PriceNote));
        Assert.Equal(sale, detail.Variants.Min(v => v.PriceMinor));
    }

    [Fact]
    public async Task SearchPriceSort_WhenASaleStartsAndEnds_FollowsTheSalePrice()
    {
        var variantId = await db.VariantOfProductAsync(13, units: 10);
        var (sku, _, productId, _) = await db.VariantAsync(variantId);
        var cheapestFirst = new SearchQuery { Sort = SearchSort.PriceAsc, PageSize = 1 };

        var saleId = await db.SaleAsync(new SaleForm(sku, false, "Deal", null, 1, db.Clock.UtcNow.AddMinutes(-1), null));
        await using var scope = db.Scope();
        var search = db.Get<ProductSearch>(scope);
        var during = Assert.Single((await search.SearchAsync(cheapestFirst)).Items);
        Assert.True((await db.Get<PricingAdminService>(scope).EndSaleAsync(saleId, "owner")).IsSuccess);
        var after = Assert.Single((await search.SearchAsync(cheapestFirst)).Items);

        Assert.Equal((productId, 1L), (during.Id, during.PriceFromMinor));
        Assert.NotEqual(productId, after.Id);
    }

    [Fact]
    public async Task Cart_WhenACustomerGroupPriceAndAQuantityTierApply_ChargesTheLowestForTheQuantity()
    {
        var variantId = await db.VariantOfProductAsync(15, units: 10);
        var (_, regular, _, _) = await db.VariantAsync(variantId);
        string customerId;
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            var user = new Store.Infrastructure.Identity.StoreUser { UserName = "wholesale@example.com", Email = "wholesale@example.com", CustomerGroup = "Wholesale", CreatedAt = db.Clock.UtcNow };
            context.Users.Add(user);
            context.CustomerGroupPrices.Add(new StoredCustomerGroupPrice(variantId, "wholesale", regular - 300));
            context.QuantityTiers.Add(new StoredQuantityTier(variantId, 3, regular - 400));
            await context.SaveChangesAsync();
            customerId = user.Id;
        }

        await using (var scope = db.Scope())
        {
            var carts = db.Get<CartService>(scope);
            var one = Assert.Single((await carts.AddAsync(new CartOwner(null, customerId), variantId, 1)).Value.Lines);
            Assert.Equal((regular - 300, PriceSource.CustomerGroup), (one.UnitPriceMinor, one.Price!.Explanation.Source));
            var guest = Assert.Single((await carts.AddAsync(new CartOwner(null, null), variantId, 1)).Value.Lines);
            Assert.Equal(regular, guest.UnitPriceMinor);
            var three = Assert.Single((await carts.SetQuantityAsync(new CartOwner(null, customerId), variantId, 3)).Value.Lines);
            Assert.Equal((regular - 400, PriceSource.QuantityTier, 3 * (regular - 400)), (three.UnitPriceMinor, three.Price!.Explanation.Source, three.LineTotalMinor));
        }
    }

    [Theory]
    [InlineData(150, null, "sale.percentOff")]
    [InlineData(10, 500L, "sale.percentOff")]
    [InlineData(null, -5L, "sale.fixedPrice")]
    public async Task SaveSale_WhenTheFormIsInvalid_SaysWhichFieldAndSavesNothing(int? percent, long? fixedMinor, string code)
    {
        var variantId = await db.VariantOfProductAsync(19, units: 1);
        var (sku, _, _, _) = await db.VariantAsync(variantId);
        await using var scope = db.Scope();
        var before = await db.Get<StoreDbContext>(scope).SalePrices.CountAsync();

        var saved = await db.Get<PricingAdminService>(scope).SaveSaleAsync(null, new SaleForm(sku, false, "Sale", percent, fixedMinor, null, null), "owner@example.com");

        Assert.Equal(code, saved.Error?.Code);
        Assert.Equal(before, await db.Get<StoreDbContext>(scope).SalePrices.CountAsync());
    }

    [Fact]
    public async Task SaveSale_WhenTheTargetOrWindowIsWrong_SaysWhichField()
    {
        await using var scope = db.Scope();
        var admin = db.Get<PricingAdminService>(scope);
        var now = db.Clock.UtcNow;

        Assert.Equal("sale.target", (await admin.SaveSaleAsync(null, new SaleForm("NO-SUCH-SKU", false, "Sale", 10m, null, null, null), "owner")).Error?.Code);
        Assert.Equal("sale.endsAt", (await admin.SaveSaleAsync(null, new SaleForm("x", true, "Sale", 10m, null, now, now.AddHours(-1)), "owner")).Error?.Code);
        Assert.Equal("sale.label", (await admin.SaveSaleAsync(null, new SaleForm("x", true, " ", 10m, null, null, null), "owner")).Error?.Code);
        Assert.Equal("markdown.percentOff", (await admin.SaveRuleAsync(null, new MarkdownRuleForm("Clearance", 0m, 10, 30, null, null), "owner")).Error?.Code);
        Assert.Equal("markdown.categorySlug", (await admin.SaveRuleAsync(null, new MarkdownRuleForm("Clearance", 10m, 10, 30, null, "no-such-category"), "owner")).Error?.Code);
    }
}
