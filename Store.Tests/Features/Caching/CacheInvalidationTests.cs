using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Store.Domain.Checkout;
using Store.Infrastructure.Caching;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Features.Caching;

public class CacheInvalidationTests(TwoInstancesFixture db) : IClassFixture<TwoInstancesFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task SaveSale_OnOneInstance_TheOtherShowsTheNewPriceWithinOneSecond()
    {
        var slug = await PublishedSlugAsync(skip: 3);
        var before = await OtherProductPriceAsync(slug);
        Assert.Equal(before, await OtherProductPriceAsync(slug));

        await using (var scope = db.Scope())
        {
            var saved = await db.Get<PricingAdminService>(scope).SaveSaleAsync(null, new SaleForm(slug, true, "Cluster sale", 50m, null, null, null), "owner");
            Assert.True(saved.IsSuccess, saved.Error?.Message);
        }

        var seenAfter = await WaitAsync(async () => await OtherProductPriceAsync(slug) < before);
        Assert.True(seenAfter <= Within, $"the other instance showed the sale price after {seenAfter.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task SaveChanges_WhenATaxRateChangesOnOneInstance_TheOtherQuotesItWithinOneSecond()
    {
        var (cart, destination) = await CartToAsync("WA", "98101", skip: 40);
        Assert.True(await OtherTaxAsync(cart, destination) > 0);

        await SetRateAsync("WA", 0m, commit: null);

        var seenAfter = await WaitAsync(async () => await OtherTaxAsync(cart, destination) == 0);
        Assert.True(seenAfter <= Within, $"the other instance used the new rate after {seenAfter.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task SaveChanges_InsideATransaction_IsAnnouncedOnlyWhenItCommits()
    {
        var (cart, destination) = await CartToAsync("FL", "33101", skip: 44);
        Assert.True(await OtherTaxAsync(cart, destination) > 0);

        // Between the save and the commit the other instance reloads (it may have heard an early message) and would
        // keep the old rate under the new version if that early message were all it got.
        await SetRateAsync("FL", 0m, commit: async () =>
        {
            await Task.Delay(300);
            Assert.True(await OtherTaxAsync(cart, destination) > 0);
        });

        var seenAfter = await WaitAsync(async () => await OtherTaxAsync(cart, destination) == 0);
        Assert.True(seenAfter <= Within, $"the other instance used the committed rate after {seenAfter.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Listener_WhenItsConnectionIsCut_ReconnectsDropsEveryCacheAndHearsChangesAgain()
    {
        var other = db.Other.GetRequiredService<CatalogCache>();
        var instance = db.Other.GetRequiredService<CacheInstance>();
        var loads = 0;
        Task<int> Load() => Task.FromResult(Interlocked.Increment(ref loads));
        await other.GetOrLoadAsync("cut-test", Load);
        var reconnectsBefore = instance.Reconnects;

        // What a database restart does to the listener's session; the other connections of the test are untouched.
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'store-cache-listener'",
                connection);
            Assert.Equal(2L, await kill.ExecuteScalarAsync());
        }

        var back = await WaitAsync(() => Task.FromResult(instance.Reconnects > reconnectsBefore && instance.Listening), TimeSpan.FromSeconds(10));
        Assert.True(back < TimeSpan.FromSeconds(10), "the listener reconnected");
        Assert.Equal(2, await other.GetOrLoadAsync("cut-test", Load));

        db.Services.GetRequiredService<CatalogCache>().Invalidate();
        var seenAfter = await WaitAsync(async () => await other.GetOrLoadAsync("cut-test", Load) == 3);
        Assert.True(seenAfter <= Within, $"after reconnecting, a change was heard after {seenAfter.TotalMilliseconds:F0} ms");
    }

    private async Task<string> PublishedSlugAsync(int skip)
    {
        await using var context = db.NewDbContext();
        return await context.Products.Where(p => p.IsPublished).OrderBy(p => p.Id).Skip(skip).Select(p => p.Slug).FirstAsync();
    }

    private async Task<long> OtherProductPriceAsync(string slug)
    {
        await using var scope = db.OtherScope();
        var product = await scope.ServiceProvider.GetRequiredService<CatalogQueries>().ProductAsync(slug);
        return product!.Variants.Min(v => v.PriceMinor);
    }

    private async Task<(Guid Cart, Destination Destination)> CartToAsync(string state, string postalCode, int skip)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5, skip: skip);
        var cart = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        return (cart, new Destination("US", state, postalCode));
    }

    private async Task<long> OtherTaxAsync(Guid cart, Destination destination)
    {
        await using var scope = db.OtherScope();
        var view = await scope.ServiceProvider.GetRequiredService<CartService>().ReviewAsync(new CartOwner(cart, null));
        var quote = await scope.ServiceProvider.GetRequiredService<CheckoutTotalsService>().QuoteAsync(view.Lines, destination, null);
        Assert.True(quote.IsSuccess, quote.Error?.Message);
        return quote.Value.Totals.TaxMinor;
    }

    private async Task SetRateAsync(string state, decimal rate, Func<Task>? commit)
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        await context.RetriableAsync(
            async ct =>
            {
                await using var transaction = commit is null ? null : await context.Database.BeginTransactionAsync(ct);
                var zone = await context.TaxZones.SingleAsync(z => z.Country == "US" && z.Region == state, ct);
                context.Entry(zone).Property(z => z.StandardRate).CurrentValue = rate;
                context.Entry(zone).Property(z => z.ReducedRate).CurrentValue = rate;
                await context.SaveChangesAsync(ct);
                if (commit is not null)
                {
                    await commit();
                    await transaction!.CommitAsync(ct);
                }
            },
            CancellationToken.None);
    }

    private static async Task<TimeSpan> WaitAsync(Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        var until = limit ?? TimeSpan.FromSeconds(5);
        while (!await condition())
        {
            if (clock.Elapsed > until)
            {
                return TimeSpan.MaxValue;
            }

            await Task.Delay(20);
        }

        return clock.Elapsed;
    }
}
