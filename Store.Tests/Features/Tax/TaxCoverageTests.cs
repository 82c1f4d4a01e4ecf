using Microsoft.EntityFrameworkCore;
using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Tax;
using Store.Tests.Support;

namespace Store.Tests.Features.Tax;

public class TaxCoverageTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Quote_ForEveryStateAndDc_TaxesTheLineAtThatStatesRate()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, 5);
        await using var scope = db.Scope();
        var cart = await db.Get<CartService>(scope).GetAsync(new CartOwner(await StoreScenario.GuestCartWithAsync(db, variantId, 2), null));
        var line = Assert.Single(cart.Lines);
        var totals = db.Get<CheckoutTotalsService>(scope);

        foreach (var state in TaxPresetTable.UsStates)
        {
            var quote = await totals.QuoteAsync(cart.Lines, new Destination("US", state.Region, "00000"), null);

            Assert.True(quote.IsSuccess, $"{state.Region}: {quote.Error?.Message}");
            var expected = new Percent(state.Standard).Of(new Money(line.UnitPriceMinor * 2, cart.Totals.Currency)).Minor;
            Assert.True(expected == quote.Value.LineTax[variantId], $"{state.Region}: expected {expected}, got {quote.Value.LineTax[variantId]}");
            Assert.True(state.Standard == 0m || quote.Value.TaxBreakdown.Any(b => b.ZoneName == state.Name && b.Rate.Value == state.Standard), state.Region);
            if (!state.TaxesShipping)
            {
                Assert.Equal(0, quote.Value.ShippingTaxMinor);
            }
        }
    }

    [Fact]
    public async Task RecentAsync_WhenAnOrderWentWhereNoZoneCovers_CountsItByPlace()
    {
        var before = await CoverageAsync();
        var variantId = await StoreScenario.VariantWithStockAsync(db, 3, skip: 1);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await using (var scope = db.Scope())
        {
            var placed = await db.Get<CheckoutService>(scope).PlaceOrderAsync(
                new CartOwner(cartId, null), new CheckoutDetails("pr@example.com", "Ana Ruiz", "1 Calle Luna", null, "San Juan", "PR", "00901", "US"));
            Assert.True(placed.IsSuccess, placed.Error?.Message);
            Assert.Equal(0, await db.Get<StoreDbContext>(scope).Orders.Where(o => o.Id == placed.Value.OrderId).Select(o => o.TaxMinor).SingleAsync());
        }

        var after = await CoverageAsync();

        Assert.Equal(before.UncoveredOrders + 1, after.UncoveredOrders);
        Assert.Contains(after.Places, p => p is { Country: "US", Region: "PR" });
        Assert.False(after.RefusesUncovered);
    }

    private async Task<TaxCoverage> CoverageAsync()
    {
        await using var scope = db.Scope();
        return await db.Get<TaxCoverageQueries>(scope).RecentAsync();
    }
}
