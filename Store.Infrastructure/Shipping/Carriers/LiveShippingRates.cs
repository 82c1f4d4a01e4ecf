using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Common;

namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// Live rates of the configured carriers for one parcel, shown beside the owner's rate tables. Every carrier is asked
/// at once and all of them together get <see cref="CarrierOptions.RateTimeout"/>: one that is slow, refuses (429) or
/// fails is left out, logged and noted in <see cref="CarrierHealth"/>, and the shopper sees the rate tables only.
/// Answers are kept per (carrier, destination, weight, currency) for <see cref="CarrierOptions.RateCacheLifetime"/>,
/// so the quote the order is placed with is the one the shopper was shown; a failure is kept for
/// <see cref="FailureLifetime"/>, so a carrier that is down costs one shopper the timeout, not every one.
/// </summary>
public sealed class LiveShippingRates(
    IEnumerable<IShippingCarrier> carriers,
    IMemoryCache cache,
    CarrierHealth health,
    IOptionsMonitor<CarrierOptions> carrierOptions,
    IOptionsMonitor<ShopOptions> shopOptions,
    ILogger<LiveShippingRates> logger)
{
    public static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(30);

    public IReadOnlyList<IShippingCarrier> Configured => [.. carriers.Where(c => c.IsConfigured)];

    public async Task<IReadOnlyList<ShippingQuote>> QuotesAsync(Destination to, long weightGrams, string currency, CancellationToken ct)
    {
        var configured = Configured;
        if (configured.Count == 0)
        {
            return [];
        }

        var settings = carrierOptions.CurrentValue;
        var from = shopOptions.CurrentValue.Address;
        var parcel = new CarrierParcel(
            new CarrierAddress(from.Country, from.Region, from.PostalCode, from.City),
            new CarrierAddress(to.Country, to.Region, to.PostalCode),
            weightGrams,
            currency);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.RateTimeout);
        var answers = await Task.WhenAll(configured.Select(c => CarrierQuotesAsync(c, parcel, settings, deadline.Token, ct)));
        return [.. answers.SelectMany(a => a)];
    }

    private async Task<IReadOnlyList<ShippingQuote>> CarrierQuotesAsync(
        IShippingCarrier carrier, CarrierParcel parcel, CarrierOptions settings, CancellationToken deadline, CancellationToken ct)
    {
        var key = $"carrier-rates|{carrier.Code}|{parcel.To.Country}|{parcel.To.Region}|{parcel.To.PostalCode}|{parcel.WeightGrams}|{parcel.Currency}";
        if (cache.TryGetValue(key, out IReadOnlyList<ShippingQuote>? kept) && kept is not null)
        {
            return kept;
        }

        IReadOnlyList<ShippingQuote> quotes;
        TimeSpan lifetime;
        try
        {
            var rates = await carrier.RatesAsync(parcel, deadline);
            quotes = [.. rates.Where(r => r.Currency == parcel.Currency && r.PriceMinor >= 0).Select(r => ToQuote(carrier, r))];
            lifetime = settings.RateCacheLifetime;
            health.Succeeded(carrier.Code);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var why = e is OperationCanceledException ? $"no answer within {settings.RateTimeout.TotalSeconds:0.#} s" : Describe(e);
            logger.LogWarning(e, "{Carrier} rates left out of checkout: {Reason}", carrier.Name, why);
            health.Failed(carrier.Code, why);
            quotes = [];
            lifetime = FailureLifetime;
        }

        cache.Set(key, quotes, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        return quotes;
    }

    private static ShippingQuote ToQuote(IShippingCarrier carrier, CarrierRate rate) =>
        new(
            $"{carrier.Code}:{rate.ServiceCode}",
            carrier.Name,
            rate.ServiceName,
            new Money(rate.PriceMinor, rate.Currency),
            // Carriers give transit days for guaranteed services only; the others show the widest domestic range.
            rate.BusinessDays is { } days ? new DeliveryEstimate(days, days) : new DeliveryEstimate(1, 5),
            $"Live {carrier.Name} rate");

    // The generated clients' exceptions carry the HTTP status; the provider's body can be long, so only its start.
    private static string Describe(Exception e)
    {
        var status = e.GetType().GetProperty("StatusCode")?.GetValue(e);
        var message = e.Message.Length > 200 ? e.Message[..200] : e.Message;
        return status is null ? message : $"HTTP {status}: {message}";
    }
}
