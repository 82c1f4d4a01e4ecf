using System.Text.Json;
using Microsoft.Extensions.Logging;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Shipping;

/// <summary>
/// The automatic fulfilment's label step, as its own outbox message so fulfilment never waits on a carrier: a carrier
/// that is down or busy fails the message, which the outbox tries again later; a refusal that will not change with
/// time (an address the carrier cannot deliver to) is left to staff, who see the button and the reason on the order.
/// </summary>
public sealed class CarrierLabelHandler(CarrierLabelService labels, ILogger<CarrierLabelHandler> logger) : IOutboxHandler
{
    public string EventType => "shipment.carrier-label";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var wanted = JsonSerializer.Deserialize<CarrierLabelWanted>(message.Payload, Outbox.Outbox.Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has no {EventType} payload.");
        var bought = await labels.BuyAsync(wanted.OrderId, Ordering.FulfilmentService.SystemActor, ct);
        if (bought.IsSuccess)
        {
            return;
        }

        if (bought.Error!.Kind == ErrorKind.Unavailable)
        {
            throw new InvalidOperationException(bought.Error.Message);
        }

        logger.LogWarning("No carrier label for order {OrderNumber}: {Reason}", wanted.Number, bought.Error.Message);
    }
}
