using Store.Infrastructure.Checkout;
using Store.Infrastructure.Payments;

namespace Store.Tests.Support;

/// <summary>An order placed by a guest and paid with the built-in test card, for tests that start after payment.</summary>
public static class PaidOrderScenario
{
    public static async Task<(int VariantId, PlacedOrder Order)> PaidOrderAsync(DatabaseFixture db, int skip, int units = 5, int quantity = 1)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units, skip: skip);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, quantity));
        await using var scope = db.Scope();
        var payments = db.Get<PaymentService>(scope);
        var payment = (await payments.StartAsync(order.OrderId, null)).Value;
        Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
        return (variantId, order);
    }
}
