using Store.Domain.Common;

namespace Store.Domain.Shipping;

/// <summary>A rate shown at checkout, with its delivery estimate and why it costs what it costs.</summary>
public sealed record ShippingQuote(string MethodId, string Carrier, string Service, Money Price, DeliveryEstimate Estimate, string Explanation);
