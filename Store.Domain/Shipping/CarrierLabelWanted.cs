using Store.Domain.Common;

namespace Store.Domain.Shipping;

/// <summary>Fulfilment started on its own for an order that ships by a carrier's service: the carrier's label is bought next.</summary>
public sealed record CarrierLabelWanted(Guid OrderId, long Number) : IDomainEvent
{
    public string EventType => "shipment.carrier-label";
}
