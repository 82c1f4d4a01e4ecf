using System.Text;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Payments;

namespace Store.Tests.Support;

/// <summary>Steps the Stripe tests share: an order paid through Stripe's page, webhooks posted to the app, and what the database then holds.</summary>
public static class StripeScenario
{
    public sealed record StripeOrder(int VariantId, PlacedOrder Order, Guid PaymentId, string SessionId);

    /// <summary>An order of <paramref name="quantity"/> units out of <paramref name="units"/>, with its Stripe Checkout Session started.</summary>
    public static async Task<StripeOrder> StartedAsync(StripeFixture f, int skip, int units = 5, int quantity = 1)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(f, units, skip);
        var order = await StoreScenario.PlaceAsync(f, await StoreScenario.GuestCartWithAsync(f, variantId, quantity));
        await using var scope = f.Scope();
        var started = await f.Get<PaymentService>(scope).StartAsync(order.OrderId, null);
        Assert.True(started.IsSuccess, started.Error?.Message);
        var payment = await PaymentAsync(f, started.Value.Id);
        return new StripeOrder(variantId, order, payment.Id, payment.ProviderReference!);
    }

    public static async Task<HttpResponseMessage> PostWebhookAsync(StripeFixture f, string json, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/stripe/webhook")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", signature ?? StripeTestDouble.Sign(json, StripeTestDouble.WebhookSecret, DateTimeOffset.UtcNow));
        return await f.App.CreateClient().SendAsync(request);
    }

    /// <summary>Posts an event and expects Stripe to be told it was received.</summary>
    public static async Task DeliverAsync(StripeFixture f, string json)
    {
        using var response = await PostWebhookAsync(f, json);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<Payment> PaymentAsync(DatabaseFixture f, Guid paymentId)
    {
        await using var scope = f.Scope();
        return await f.Get<StoreDbContext>(scope).Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
    }

    public static async Task<Order> OrderAsync(DatabaseFixture f, Guid orderId)
    {
        await using var scope = f.Scope();
        return await f.Get<StoreDbContext>(scope).Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
    }

    public static async Task<int> OutboxCountAsync(DatabaseFixture f, string type, Guid orderId)
    {
        await using var scope = f.Scope();
        var payloads = await f.Get<StoreDbContext>(scope).OutboxMessages.AsNoTracking().Where(m => m.Type == type).Select(m => m.Payload).ToListAsync();
        return payloads.Count(p => p.Contains(orderId.ToString(), StringComparison.Ordinal));
    }

    /// <summary>The order was not paid in time: its reservation lapses and the expiry job cancels it.</summary>
    public static async Task ExpireAsync(DatabaseFixture f, Guid orderId)
    {
        await using (var scope = f.Scope())
        {
            await f.Get<StoreDbContext>(scope).StockReservations
                .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        await using var expiry = f.Scope();
        await f.Get<ReservationExpiryService>(expiry).ReleaseExpiredAsync();
        Assert.Equal(OrderStatus.Cancelled, (await OrderAsync(f, orderId)).Status);
    }
}
