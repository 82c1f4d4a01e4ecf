using Microsoft.EntityFrameworkCore;
using Store.Domain.Checkout;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Checkout;

public class RatesCacheTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Quote_AfterTheOwnerChangesARate_UsesTheNewRateAtOnce()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5, skip: 50);
        var cart = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        var oregon = new Destination("US", "OR", "97201");
        var before = await QuoteAsync(cart, oregon);
        var again = await QuoteAsync(cart, oregon);

        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            var zone = await context.TaxZones.SingleAsync(z => z.Country == "US" && z.Region == "OR");
            context.Entry(zone).Property(z => z.StandardRate).CurrentValue = 0.10m;
            context.Entry(zone).Property(z => z.ReducedRate).CurrentValue = 0.10m;
            await context.SaveChangesAsync();
        }

        var after = await QuoteAsync(cart, oregon);

        Assert.Equal(0, before.Totals.TaxMinor);
        Assert.Equal(before.Totals, again.Totals);
        Assert.True(after.Totals.TaxMinor > 0, "the new rate applies to the next quote");
    }

    private async Task<CheckoutQuote> QuoteAsync(Guid cart, Destination destination)
    {
        await using var scope = db.Scope();
        var view = await db.Get<CartService>(scope).ReviewAsync(new CartOwner(cart, null));
        var quote = await db.Get<CheckoutTotalsService>(scope).QuoteAsync(view.Lines, destination, null);
        Assert.True(quote.IsSuccess, quote.Error?.Message);
        return quote.Value;
    }
}
