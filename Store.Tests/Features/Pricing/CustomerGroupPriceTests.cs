using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Pricing;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Features.Pricing;

public class CustomerGroupPriceTests(PricingFixture db) : IClassFixture<PricingFixture>
{
    private const string Owner = "owner@example.com";

    [Fact]
    public async Task Cart_WhenTheCustomerIsPutInAGroupWithAGroupPrice_ChargesTheGroupPriceAndAGuestPaysTheRegularPrice()
    {
        var variantId = await db.VariantOfProductAsync(5, units: 20);
        var (sku, regular, _, _) = await db.VariantAsync(variantId);
        var customerId = await CustomerAsync("buyer@example.com");
        await using (var scope = db.Scope())
        {
            var admin = db.Get<CustomerPricingAdminService>(scope);
            var grouped = await admin.SetCustomerGroupAsync(" Buyer@Example.com ", "Wholesale", Owner);
            Assert.Equal("wholesale", grouped.Value);
            Assert.True((await admin.SaveGroupPriceAsync(null, new GroupPriceForm(sku.ToLowerInvariant(), "wholesale", regular - 300), Owner)).IsSuccess);
        }

        var guestCart = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await using (var scope = db.Scope())
        {
            var carts = db.Get<CartService>(scope);
            var customerLine = Assert.Single((await carts.AddAsync(new CartOwner(null, customerId), variantId, 1)).Value.Lines);
            var guestLine = Assert.Single((await carts.ReviewAsync(new CartOwner(guestCart, null))).Lines);

            Assert.Equal((regular - 300, PriceSource.CustomerGroup, "wholesale price"), (customerLine.UnitPriceMinor, customerLine.Price!.Explanation.Source, customerLine.Price.Explanation.Text));
            Assert.Equal((regular, PriceSource.Base), (guestLine.UnitPriceMinor, guestLine.Price!.Explanation.Source));

            var audit = await db.Get<StoreDbContext>(scope).AuditLog.Where(a => a.Action == "customer.group" && a.EntityId == customerId).SingleAsync();
            Assert.Equal(Owner, audit.Actor);
        }

        await using (var scope = db.Scope())
        {
            var cleared = await db.Get<CustomerPricingAdminService>(scope).SetCustomerGroupAsync("buyer@example.com", "", Owner);
            Assert.True(cleared.IsSuccess);
            Assert.Null(cleared.Value);
            var line = Assert.Single((await db.Get<CartService>(scope).ReviewAsync(new CartOwner(null, customerId))).Lines);
            Assert.Equal(regular, line.UnitPriceMinor);
        }
    }

    [Fact]
    public async Task Cart_WithAQuantityTier_ChargesTheTierPriceFromItsQuantityAndNotBelowIt()
    {
        var variantId = await db.VariantOfProductAsync(9, units: 20);
        var (sku, regular, _, _) = await db.VariantAsync(variantId);
        int tierId;
        await using (var scope = db.Scope())
        {
            tierId = (await db.Get<CustomerPricingAdminService>(scope).SaveTierAsync(null, new TierForm(sku, 3, regular - 200), Owner)).Value;
        }

        var cart = await StoreScenario.GuestCartWithAsync(db, variantId, 2);
        await using (var scope = db.Scope())
        {
            var carts = db.Get<CartService>(scope);
            var two = Assert.Single((await carts.ReviewAsync(new CartOwner(cart, null))).Lines);
            var three = Assert.Single((await carts.AddAsync(new CartOwner(cart, null), variantId, 1)).Value.Lines);

            Assert.Equal((regular, PriceSource.Base), (two.UnitPriceMinor, two.Price!.Explanation.Source));
            Assert.Equal((regular - 200, PriceSource.QuantityTier, "3+ price"), (three.UnitPriceMinor, three.Price!.Explanation.Source, three.Price.Explanation.Text));
        }

        await using (var scope = db.Scope())
        {
            var admin = db.Get<CustomerPricingAdminService>(scope);
            Assert.True((await admin.SaveTierAsync(tierId, new TierForm(sku, 4, regular - 250), Owner)).IsSuccess);
            Assert.Equal(regular, Assert.Single((await db.Get<CartService>(scope).ReviewAsync(new CartOwner(cart, null))).Lines).UnitPriceMinor);
        }

        await using (var scope = db.Scope())
        {
            Assert.True((await db.Get<CustomerPricingAdminService>(scope).DeleteTierAsync(tierId, Owner)).IsSuccess);
            Assert.Empty(await db.Get<StoreDbContext>(scope).QuantityTiers.Where(t => t.VariantId == variantId).ToListAsync());
            Assert.Equal(2, await db.Get<StoreDbContext>(scope).AuditLog.CountAsync(a => a.EntityType == "quantity_tier" && a.EntityId == tierId.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action != "quantity_tier.created"));
        }
    }

    [Fact]
    public async Task Save_WhenInputIsInvalid_RefusesItWithAFieldErrorAndWritesNothing()
    {
        var variantId = await db.VariantOfProductAsync(15, units: 5);
        var (sku, regular, _, _) = await db.VariantAsync(variantId);
        await CustomerAsync("picky@example.com");
        await using (var scope = db.Scope())
        {
            var admin = db.Get<CustomerPricingAdminService>(scope);
            Assert.True((await admin.SaveGroupPriceAsync(null, new GroupPriceForm(sku, "vip", regular - 100), Owner)).IsSuccess);
            Assert.True((await admin.SaveTierAsync(null, new TierForm(sku, 5, regular - 100), Owner)).IsSuccess);
        }

        var before = await SnapshotAsync();
        var attempts = new (Func<CustomerPricingAdminService, Task<Store.Domain.Common.DomainError?>> Save, string Field)[]
        {
            (async s => (await s.SetCustomerGroupAsync("nobody@example.com", "wholesale", Owner)).Error, "customer.email"),
            (async s => (await s.SetCustomerGroupAsync("picky@example.com", "whole sale!", Owner)).Error, "customer.group"),
            (async s => (await s.SetCustomerGroupAsync("picky@example.com", new string('a', 41), Owner)).Error, "customer.group"),
            (async s => (await s.SaveGroupPriceAsync(null, new GroupPriceForm("NO-SUCH-SKU", "vip", 100), Owner)).Error, "groupPrice.sku"),
            (async s => (await s.SaveGroupPriceAsync(null, new GroupPriceForm(sku, "", 100), Owner)).Error, "groupPrice.group"),
            (async s => (await s.SaveGroupPriceAsync(null, new GroupPriceForm(sku, "VIP", 100), Owner)).Error, "groupPrice.group"),
            (async s => (await s.SaveGroupPriceAsync(null, new GroupPriceForm(sku, "trade", -1), Owner)).Error, "groupPrice.price"),
            (async s => (await s.SaveGroupPriceAsync(null, new GroupPriceForm(sku, "trade", null), Owner)).Error, "groupPrice.price"),
            (async s => (await s.SaveTierAsync(null, new TierForm(sku, 1, 100), Owner)).Error, "tier.minQuantity"),
            (async s => (await s.SaveTierAsync(null, new TierForm(sku, 5, 100), Owner)).Error, "tier.minQuantity"),
            (async s => (await s.SaveTierAsync(null, new TierForm(sku, 6, -5), Owner)).Error, "tier.price"),
            (async s => (await s.SaveTierAsync(null, new TierForm("", 6, 100), Owner)).Error, "tier.sku"),
        };

        foreach (var (save, field) in attempts)
        {
            await using var scope = db.Scope();
            var error = await save(db.Get<CustomerPricingAdminService>(scope));
            Assert.Equal(field, error?.Code);
            Assert.False(string.IsNullOrWhiteSpace(error!.Message));
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task SaveGroupPrice_WhenTenOwnersAddTheSamePriceAtOnce_KeepsOneAndRefusesTheRestAtTheField()
    {
        var variantId = await db.VariantOfProductAsync(21, units: 5);
        var (sku, regular, _, _) = await db.VariantAsync(variantId);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            await using var scope = db.Scope();
            return await db.Get<CustomerPricingAdminService>(scope).SaveGroupPriceAsync(null, new GroupPriceForm(sku, "club", regular - 10 - i), Owner);
        }));

        var kept = Assert.Single(results, r => r.IsSuccess).Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("groupPrice.group", r.Error!.Code));
        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        Assert.Equal(1, await context.CustomerGroupPrices.CountAsync(p => p.VariantId == variantId && p.Group == "club"));
        Assert.Equal(1, await context.AuditLog.CountAsync(a => a.Action == "group_price.created" && a.EntityId == kept));
    }

    private async Task<string> CustomerAsync(string email)
    {
        await using var scope = db.Scope();
        var user = new StoreUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await db.Get<UserManager<StoreUser>>(scope).CreateAsync(user, "Group-Pass1")).Succeeded);
        return user.Id;
    }

    private async Task<string> SnapshotAsync()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var prices = await context.CustomerGroupPrices.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Group + ":" + p.PriceMinor).ToListAsync();
        var tiers = await context.QuantityTiers.OrderBy(t => t.Id).Select(t => t.Id + ":" + t.MinQuantity + ":" + t.PriceMinor).ToListAsync();
        var groups = await context.Users.OrderBy(u => u.Id).Select(u => u.Id + ":" + u.CustomerGroup).ToListAsync();
        return string.Join("|", prices.Concat(tiers).Concat(groups)) + "|audit:" + await context.AuditLog.CountAsync();
    }
}
