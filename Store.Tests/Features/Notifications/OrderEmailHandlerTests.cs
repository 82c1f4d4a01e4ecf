using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Ordering.Events;
using Store.Domain.Payments;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Outbox;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Notifications;

/// <summary>The email handlers as the outbox dispatcher runs them: resolved from DI, over real orders, sending to a real SMTP listener.</summary>
public class OrderEmailHandlerTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string GoodCard = "4242 4242 4242 4242";
    private const string DeclinedCard = "4000 0000 0000 0002";
    private static readonly string OrderPaidType = new OrderPaid(Guid.Empty, 0, "", 0, "USD").EventType;
    private static readonly string PaymentFailedType = new PaymentFailed(Guid.Empty, Guid.Empty, 0, "", "").EventType;

    [Fact]
    public async Task HandleAsync_WhenOrderIsPaid_SendsTheConfirmationWithTheOrderNumberToTheShopper()
    {
        var order = await PlaceAsync("paid@example.com", skip: 0);
        await PayAsync(order.OrderId, GoodCard);
        var message = await OutboxMessageAsync(OrderPaidType, order.OrderId);
        await using var smtp = await SmtpTestServer.StartAsync();

        await HandleAsync(smtp, OrderPaidType, message);

        var received = Assert.Single(smtp.Received);
        Assert.Equal(["paid@example.com"], received.Recipients);
        Assert.Equal("Grace Hopper", received.Message.To.Mailboxes.Single().Name);
        Assert.Contains($"#{order.Number}", received.Message.Subject);
        Assert.Contains($"#{order.Number}", received.Message.TextBody);
        Assert.Contains($"#{order.Number}", received.Message.HtmlBody);
        Assert.Contains(new Store.Domain.Common.Money(order.TotalMinor, order.Currency).ToString(), received.Message.TextBody);
        Assert.Equal(EmailMessage.IdFor(message.Id, "order-confirmation", "shop@store.local"), received.Message.MessageId);
    }

    [Fact]
    public async Task HandleAsync_WhenTheSameMessageIsHandledTwice_BothMailsCarryTheSameMessageId()
    {
        var order = await PlaceAsync("twice@example.com", skip: 1);
        await PayAsync(order.OrderId, GoodCard);
        var message = await OutboxMessageAsync(OrderPaidType, order.OrderId);
        await using var smtp = await SmtpTestServer.StartAsync();

        await HandleAsync(smtp, OrderPaidType, message);
        await HandleAsync(smtp, OrderPaidType, message);

        Assert.Equal(2, smtp.Received.Count);
        Assert.Single(smtp.Received.Select(r => r.Message.MessageId).Distinct());
    }

    [Fact]
    public async Task HandleAsync_WhenTheOrderNoLongerExists_SendsNothing()
    {
        var gone = new OrderPaid(Guid.NewGuid(), 999_999, "gone@example.com", 100, "USD");
        var message = new OutboxMessage(Guid.NewGuid(), gone.EventType, JsonSerializer.Serialize(gone, Store.Infrastructure.Outbox.Outbox.Json), DateTimeOffset.UtcNow);
        await using var smtp = await SmtpTestServer.StartAsync();

        await HandleAsync(smtp, OrderPaidType, message);

        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task HandleAsync_WhenPaymentFailed_SendsTheShopperALinkToPayAgain()
    {
        var order = await PlaceAsync("declined@example.com", skip: 2);
        await PayAsync(order.OrderId, DeclinedCard);
        var message = await OutboxMessageAsync(PaymentFailedType, order.OrderId);
        await using var smtp = await SmtpTestServer.StartAsync();

        await HandleAsync(smtp, PaymentFailedType, message);

        var received = Assert.Single(smtp.Received);
        Assert.Equal(["declined@example.com"], received.Recipients);
        Assert.Contains($"#{order.Number}", received.Message.Subject);
        Assert.Contains($"https://shop.example/orders/{order.OrderId}/pay", received.Message.TextBody);
        Assert.Equal(EmailMessage.IdFor(message.Id, "payment-failed", "shop@store.local"), received.Message.MessageId);
    }

    [Fact]
    public async Task HandleAsync_WhenTheOrderWasPaidAfterTheFailure_SendsNothing()
    {
        var order = await PlaceAsync("retried@example.com", skip: 3);
        await PayAsync(order.OrderId, DeclinedCard);
        await PayAsync(order.OrderId, GoodCard);
        var message = await OutboxMessageAsync(PaymentFailedType, order.OrderId);
        await using var smtp = await SmtpTestServer.StartAsync();

        await HandleAsync(smtp, PaymentFailedType, message);

        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task HandleAsync_WhenOrderShips_SendsCarrierTrackingNumberAndLink()
    {
        var order = await PlaceAsync("shipped@example.com", skip: 4);
        await PayAsync(order.OrderId, GoodCard);
        await using (var scope = db.Scope())
        {
            var admin = db.Get<Store.Infrastructure.Ordering.OrderAdminService>(scope);
            Assert.True((await admin.StartFulfilmentAsync(order.OrderId, "staff")).IsSuccess);
            Assert.True((await admin.ShipAsync(order.OrderId, "staff")).IsSuccess);
        }

        string tracking;
        await using (var scope = db.Scope())
        {
            tracking = (await db.Get<Store.Infrastructure.Ordering.OrderQueries>(scope).DetailAsync(order.OrderId))!.TrackingNumber!;
        }

        var message = await OutboxMessageAsync("order.shipped", order.OrderId);
        await using var smtp = await SmtpTestServer.StartAsync();

        await HandleAsync(smtp, "order.shipped", message);

        var received = Assert.Single(smtp.Received);
        Assert.Equal(["shipped@example.com"], received.Recipients);
        Assert.Contains(tracking, received.Message.TextBody);
        Assert.Contains($"/track/{tracking}", received.Message.HtmlBody);
    }

    [Fact]
    public async Task HandleAsync_WhenPartlyRefunded_SendsTheRefundAndWhatRemains()
    {
        var order = await PlaceAsync("refund@example.com", skip: 5);
        await PayAsync(order.OrderId, GoodCard);
        await using (var scope = db.Scope())
        {
            Assert.True((await db.Get<Store.Infrastructure.Ordering.OrderAdminService>(scope).RefundAsync(order.OrderId, 500, "Goodwill", restock: false, "staff")).IsSuccess);
        }

        var message = await OutboxMessageAsync("order.refunded", order.OrderId);
        await using var smtp = await SmtpTestServer.StartAsync();

        await HandleAsync(smtp, "order.refunded", message);

        var received = Assert.Single(smtp.Received);
        Assert.Contains("$5.00", received.Message.TextBody);
        Assert.Contains(new Store.Domain.Common.Money(order.TotalMinor - 500, order.Currency).ToString(), received.Message.TextBody);
    }

    private async Task<PlacedOrder> PlaceAsync(string email, int skip)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5, skip: skip);
        return await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 2), email);
    }

    private async Task PayAsync(Guid orderId, string card)
    {
        await using var scope = db.Scope();
        var payments = db.Get<PaymentService>(scope);
        var started = await payments.StartAsync(orderId, null);
        Assert.True(started.IsSuccess, started.Error?.Message);
        var completed = await payments.CompleteTestPaymentAsync(started.Value.Id, card, "12/30", "123");
        Assert.True(completed.IsSuccess, completed.Error?.Message);
        Assert.Equal(card == GoodCard ? PaymentStatus.Succeeded : PaymentStatus.Declined, completed.Value.Status);
    }

    private async Task<OutboxMessage> OutboxMessageAsync(string type, Guid orderId)
    {
        await using var scope = db.Scope();
        var messages = await db.Get<StoreDbContext>(scope).OutboxMessages.AsNoTracking().Where(m => m.Type == type).ToListAsync();
        return Assert.Single(messages, m => JsonSerializer.Deserialize<JsonElement>(m.Payload, Store.Infrastructure.Outbox.Outbox.Json).GetProperty("orderId").GetGuid() == orderId);
    }

    /// <summary>Runs the handler for <paramref name="type"/> from a container configured to send through <paramref name="smtp"/>.</summary>
    private async Task HandleAsync(SmtpTestServer smtp, string type, OutboxMessage message)
    {
        await using var services = TestDatabase.Services(db.DatabaseName, new Dictionary<string, string?>
        {
            ["Store:PublicBaseUrl"] = "https://shop.example",
            ["Store:Email:Smtp:Host"] = "127.0.0.1",
            ["Store:Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Store:Email:Smtp:SecureSocket"] = nameof(SmtpSecurity.None),
        });
        await using var scope = services.CreateAsyncScope();
        // The email worker's handler: other workers (the order worker's fulfilment, invoicing, the admin's live alerts)
        // take some of the same events.
        var handler = Assert.Single(scope.ServiceProvider.GetServices<IOutboxHandler>(), h => h.EventType == type && h.GetType().Namespace == typeof(OrderMailer).Namespace && h is not AdminAlertHandler);
        await handler.HandleAsync(message, CancellationToken.None);
    }
}
