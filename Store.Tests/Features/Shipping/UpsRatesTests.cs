using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Checkout;
using Store.Domain.Ordering;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Shipping.Carriers;
using Store.Tests.Support;

namespace Store.Tests.Features.Shipping;

/// <summary>
/// UPS's live rates at checkout, against the local UPS double. The cart: 2 × a 300 g tee and a 450 g mug (1050 g, which
/// UPS is sent as 2.4 lb). Each test quotes its own postal code, as rates are cached per destination and parcel.
/// </summary>
public class UpsRatesTests(UpsFixture fixture) : IClassFixture<UpsFixture>
{
    private UpsTestDouble Ups => fixture.Ups;

    [Fact]
    public async Task QuoteAsync_WhenUpsAnswers_OffersItsRatesBesideTheRateTables()
    {
        Ups.Mode = UpsTestDouble.Behaviour.Answer;
        var cart = await CartAsync();

        var quote = await QuoteAsync(cart, "78701");

        Assert.True(quote.ShippingOptions.Any(o => o.MethodId == "ups:03"), fixture.Get<CarrierHealth>(fixture.Scope()).StatusOf("ups").LastError);
        var ground = quote.ShippingOptions.Single(o => o.MethodId == "ups:03");
        Assert.Equal(("UPS", "Ground", 1234L, "USD"), (ground.Carrier, ground.Service, ground.Price.Minor, ground.Price.Currency));
        var twoDay = quote.ShippingOptions.Single(o => o.MethodId == "ups:02");
        Assert.Equal((2550L, 2, 2), (twoDay.Price.Minor, twoDay.Estimate.MinBusinessDays, twoDay.Estimate.MaxBusinessDays));
        Assert.Contains(quote.ShippingOptions, o => o.MethodId == "usps-ground");
        var sent = Ups.LastRateRequest!["RateRequest"]!["Shipment"]!;
        Assert.Equal(UpsTestDouble.AccountNumber, (string?)sent["Shipper"]!["ShipperNumber"]);
        Assert.Equal("78701", (string?)sent["ShipTo"]!["Address"]!["PostalCode"]);
        Assert.Equal("2.4", (string?)sent["Package"]![0]!["PackageWeight"]!["Weight"]);
        Assert.Equal("LBS", (string?)sent["Package"]![0]!["PackageWeight"]!["UnitOfMeasurement"]!["Code"]);
    }

    [Fact]
    public async Task PlaceOrder_WithALiveRate_ChargesWhatWasQuotedWithoutAskingUpsAgain()
    {
        Ups.Mode = UpsTestDouble.Behaviour.Answer;
        var cart = await CartAsync();
        var quote = await QuoteAsync(cart, "78702", "ups:03");
        var asked = Ups.RateRequests;

        await using var scope = fixture.Scope();
        var details = new CheckoutDetails("ups@example.com", "Ups Shopper", "1 Congress Ave", null, "Austin", "TX", "78702", "US");
        var placed = await fixture.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(cart, null), details, "ups:03");

        Assert.True(placed.IsSuccess, placed.Error?.Message);
        var order = await fixture.Get<StoreDbContext>(scope).Orders.AsNoTracking().SingleAsync(o => o.Id == placed.Value.OrderId);
        Assert.Equal((1234L, "UPS Ground"), (order.ShippingMinor, order.ShippingService));
        Assert.Equal(quote.Totals.TotalMinor, order.TotalMinor);
        Assert.Equal(asked, Ups.RateRequests);
    }

    [Fact]
    public async Task QuoteAsync_WhenUpsTimesOut_FallsBackToTheRateTablesWithinTheTimeout()
    {
        Ups.Mode = UpsTestDouble.Behaviour.Slow;
        var cart = await CartAsync();
        var clock = Stopwatch.StartNew();

        var quote = await QuoteAsync(cart, "78703");

        Assert.True(clock.Elapsed < UpsFixture.RateTimeout + TimeSpan.FromSeconds(1.5), $"The quote took {clock.Elapsed}.");
        Assert.DoesNotContain(quote.ShippingOptions, o => o.Carrier == "UPS" && o.MethodId.StartsWith("ups:", StringComparison.Ordinal));
        Assert.Equal("usps-ground", quote.Shipping!.MethodId);
        Assert.Contains("no answer within 3 s", fixture.Get<CarrierHealth>(fixture.Scope()).StatusOf("ups").LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UpsTestDouble.Behaviour.RateLimited, "78704", "HTTP 429")]
    [InlineData(UpsTestDouble.Behaviour.Refuse, "78705", "HTTP 400")]
    public async Task QuoteAsync_WhenUpsRefuses_FallsBackAndTheAdminSeesWhy(UpsTestDouble.Behaviour behaviour, string postalCode, string shown)
    {
        Ups.Mode = behaviour;
        var cart = await CartAsync();
        var before = DateTimeOffset.UtcNow;

        var quote = await QuoteAsync(cart, postalCode);

        Assert.DoesNotContain(quote.ShippingOptions, o => o.MethodId.StartsWith("ups:", StringComparison.Ordinal));
        Assert.NotEmpty(quote.ShippingOptions);
        var status = fixture.Get<CarrierHealth>(fixture.Scope()).StatusOf("ups");
        Assert.StartsWith(shown, status.LastError, StringComparison.Ordinal);
        Assert.True(status.LastErrorAt >= before.AddSeconds(-1));
    }

    [Fact]
    public async Task QuoteAsync_ManyAtOnce_ShareOneCachedToken()
    {
        Ups.Mode = UpsTestDouble.Behaviour.Answer;
        var cart = await CartAsync();

        var quotes = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => QuoteAsync(cart, $"7871{i}")));

        Assert.All(quotes, q => Assert.Contains(q.ShippingOptions, o => o.MethodId == "ups:03"));
        Assert.Equal(1, Ups.TokenRequests);
    }

    private async Task<CheckoutQuote> QuoteAsync(Guid cart, string postalCode, string? method = null)
    {
        await using var scope = fixture.Scope();
        var view = await fixture.Get<CartService>(scope).ReviewAsync(new CartOwner(cart, null));
        var quoted = await fixture.Get<CheckoutTotalsService>(scope).QuoteAsync(view.Lines, new Destination("US", "TX", postalCode), method);
        Assert.True(quoted.IsSuccess, quoted.Error?.Message);
        return quoted.Value;
    }

    private async Task<Guid> CartAsync()
    {
        await using var scope = fixture.Scope();
        var context = fixture.Get<StoreDbContext>(scope);
        var tee = await context.Variants.Include(v => v.Product).Where(v => v.Product.Category!.Slug == "t-shirts").OrderBy(v => v.Id).FirstAsync();
        var mug = await context.Variants.Include(v => v.Product).Where(v => v.Product.Category!.Slug == "kitchen").OrderBy(v => v.Id).FirstAsync();
        foreach (var (variant, grams) in new[] { (tee, 300), (mug, 450) })
        {
            variant.SetWeight(grams);
            variant.Product.SetPublished(true);
        }

        await context.SaveChangesAsync();
        var location = await context.Locations.OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync();
        foreach (var id in new[] { tee.Id, mug.Id })
        {
            Assert.True((await fixture.Get<InventoryService>(scope).SetOnHandAsync(id, location, 500, "test", "Test setup")).IsSuccess);
        }

        var carts = fixture.Get<CartService>(scope);
        var cart = (await carts.AddAsync(new CartOwner(null, null), tee.Id, 2)).Value.Id!.Value;
        Assert.True((await carts.AddAsync(new CartOwner(cart, null), mug.Id, 1)).IsSuccess);
        return cart;
    }
}
