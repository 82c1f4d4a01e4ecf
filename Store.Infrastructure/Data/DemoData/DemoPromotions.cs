using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Promotions;
using Store.Infrastructure.Promotions;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>
/// Two promotions to try: the code WELCOME10 (10 % off the order, once per customer) and automatic free shipping,
/// any method, on orders of $150 or more. Seeded once, into a store that has none.
/// </summary>
public static class DemoPromotions
{
    public const string WelcomeCode = "WELCOME10";
    public const long FreeShippingOverMinor = 15000;

    public static async Task SeedAsync(StoreDbContext db, string currency, IClock clock, CancellationToken ct = default)
    {
        if (await db.Promotions.AnyAsync(ct))
        {
            return;
        }

        var now = clock.UtcNow;
        var welcome = new StoredPromotion(currency, now);
        welcome.Apply(new PromotionInput { Name = "Welcome 10 % off", Code = WelcomeCode, Kind = BenefitKind.PercentOff, Percent = 10m, PerCustomerLimit = 1 }, now);
        var freeShipping = new StoredPromotion(currency, now);
        var threshold = Currencies.ToMajor(FreeShippingOverMinor, currency);
        var label = $"Free shipping over {Currencies.Symbol(currency)}{threshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}";
        freeShipping.Apply(new PromotionInput { Name = label, Kind = BenefitKind.FreeShipping, MinimumSubtotal = threshold }, now);
        db.Promotions.AddRange(welcome, freeShipping);
        await db.SaveChangesAsync(ct);
    }
}
