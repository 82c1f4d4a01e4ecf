using Microsoft.AspNetCore.Identity;
using Store.Domain.Common;
using Store.Domain.Customers;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Settings;
using Store.Tests.Support;

namespace Store.Tests.Features.Customers;

public class ConfirmedEmailSettingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PlaceOrder_WhenTheOwnerRequiresConfirmedEmails_RefusesAnUnconfirmedAccountButNotAGuest()
    {
        var variant = await StoreScenario.VariantWithStockAsync(db, 5);
        string userId;
        await using (var scope = db.Scope())
        {
            var user = new StoreUser { UserName = "unconfirmed@example.com", Email = "unconfirmed@example.com" };
            Assert.True((await db.Get<UserManager<StoreUser>>(scope).CreateAsync(user, "Unconfirmed-Pass1")).Succeeded);
            userId = user.Id;
            var saved = await db.Get<SettingsService>(scope).SaveAsync(new Dictionary<string, string?> { [SettingKeys.RequireConfirmedEmail] = "true" }, "owner@store.local");
            Assert.Equal(1, saved.Value);
        }

        var account = new CartOwner(null, userId);
        Result<PlacedOrder> refused;
        await using (var scope = db.Scope())
        {
            await db.Get<CartService>(scope).AddAsync(account, variant, 1);
            refused = await db.Get<CheckoutService>(scope).PlaceOrderAsync(account, StoreScenario.Shopper("unconfirmed@example.com"));
        }

        var guestCart = await StoreScenario.GuestCartWithAsync(db, variant, 1);
        var guest = await StoreScenario.PlaceAsync(db, guestCart, "guest@example.com");
        Result<PlacedOrder> afterConfirming;
        await using (var scope = db.Scope())
        {
            var users = db.Get<UserManager<StoreUser>>(scope);
            var user = (await users.FindByIdAsync(userId))!;
            Assert.True((await users.ConfirmEmailAsync(user, await users.GenerateEmailConfirmationTokenAsync(user))).Succeeded);
            afterConfirming = await db.Get<CheckoutService>(scope).PlaceOrderAsync(account, StoreScenario.Shopper("unconfirmed@example.com"));
            await db.Get<SettingsService>(scope).SaveAsync(new Dictionary<string, string?> { [SettingKeys.RequireConfirmedEmail] = "false" }, "owner@store.local");
        }

        Assert.Equal(AccountCheckoutRule.UnconfirmedCode, refused.Error!.Code);
        Assert.Equal(ErrorKind.Forbidden, refused.Error.Kind);
        Assert.True(guest.OrderId != Guid.Empty);
        Assert.True(afterConfirming.IsSuccess, afterConfirming.Error?.Message);
    }
}
