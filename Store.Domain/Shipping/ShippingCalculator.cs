using Store.Domain.Common;

namespace Store.Domain.Shipping;

/// <summary>
/// Rates for a parcel from the store's own zones and methods, plus any live carrier rates already fetched for this
/// very parcel and address (<see cref="WithLiveQuotes"/>): those are priced by the carrier, so they are taken as they are.
/// </summary>
public sealed class ShippingCalculator(IReadOnlyList<ShippingZone> zones, IReadOnlyList<ShippingMethod> methods, IReadOnlyList<ShippingQuote>? live = null)
{
    private readonly IReadOnlyList<ShippingQuote> live = live ?? [];

    /// <summary>The same rate tables, with carrier quotes that were fetched for the parcel about to be quoted.</summary>
    public ShippingCalculator WithLiveQuotes(IReadOnlyList<ShippingQuote> quotes) => quotes.Count == 0 ? this : new(zones, methods, quotes);

    /// <summary>Every method that can carry this parcel to this address, cheapest first.</summary>
    public IReadOnlyList<ShippingQuote> QuotesFor(ShippingRequest request) =>
        methods
            .Select(m => Quote(m, request))
            .Where(q => q.IsSuccess)
            .Select(q => q.Value)
            .Concat(live)
            .OrderBy(q => q.Price.Minor)
            .ThenBy(q => q.Estimate.MaxBusinessDays)
            .ThenBy(q => q.MethodId, StringComparer.Ordinal)
            .ToList();

    public Result<ShippingQuote> Quote(string methodId, ShippingRequest request) =>
        live.FirstOrDefault(q => q.MethodId == methodId) is { } quoted
            ? quoted
            : methods.FirstOrDefault(m => m.Id == methodId) is { } method
                ? Quote(method, request)
                : DomainError.NotFound("shipping.method", "That shipping method does not exist.");

    public Result<ShippingQuote> Quote(ShippingMethod method, ShippingRequest request)
    {
        var zone = zones.FirstOrDefault(z => z.Id == method.ZoneId);
        if (zone is null || !zone.Contains(request.Country, request.Region, request.PostalCode))
        {
            return DomainError.Invalid("shipping.zone", $"{method.Carrier} {method.Service} does not deliver to this address.");
        }

        var free = method.FreeOver is { } threshold && request.Subtotal.Minor >= threshold.Minor;
        Money price;
        string why;
        switch (method.Kind)
        {
            case RateKind.Flat:
                (price, why) = (method.FlatPrice, "Flat rate");
                break;
            case RateKind.WeightTable:
                var byWeight = method.Brackets.OrderBy(b => b.UpTo).FirstOrDefault(b => request.WeightGrams <= b.UpTo);
                if (byWeight is null)
                {
                    return DomainError.Invalid("shipping.weight", $"{method.Carrier} {method.Service} does not take parcels of {request.WeightGrams} g.");
                }

                (price, why) = (byWeight.Price, $"Parcel up to {byWeight.UpTo} g");
                break;
            case RateKind.PriceTable when free:
                (price, why) = (Money.Zero(request.Subtotal.Currency), "");
                break;
            default:
                var bySubtotal = method.Brackets.OrderBy(b => b.UpTo).FirstOrDefault(b => request.Subtotal.Minor <= b.UpTo);
                if (bySubtotal is null)
                {
                    return DomainError.Invalid("shipping.subtotal", $"{method.Carrier} {method.Service} has no rate for this order value.");
                }

                (price, why) = (bySubtotal.Price, $"Orders up to {new Money(bySubtotal.UpTo, request.Subtotal.Currency)}");
                break;
        }

        if (free)
        {
            // A weight table still had to accept the parcel above: free shipping lifts the price, not the carrier's limit.
            (price, why) = (Money.Zero(price.Currency), $"Free on orders of {method.FreeOver} or more");
        }

        return new ShippingQuote(method.Id, method.Carrier, method.Service, price, method.Estimate, why);
    }
}
