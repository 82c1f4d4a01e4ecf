using System.Globalization;
using System.Net;
using Store.Domain.Shipping;
using Store.Infrastructure.Shipping.Carriers.Ups.Generated.Tracking;

namespace Store.Infrastructure.Shipping.Carriers.Ups;

/// <summary>UPS Tracking: a package's activity (newest first in UPS's answer), mapped onto the store's steps.</summary>
public sealed partial class UpsCarrier
{
    // UPS's "out for delivery" arrives as an in-transit activity with one of these status codes.
    private static readonly HashSet<string> OutForDeliveryCodes = new(StringComparer.OrdinalIgnoreCase) { "OT", "OF", "OFD" };

    public async Task<IReadOnlyList<CarrierTrackingEvent>> TrackAsync(string trackingNumber, CancellationToken ct)
    {
        var client = new UpsTrackingClient(await AuthorisedClientAsync(ct));
        TrackApiResponse response;
        try
        {
            response = await client.GetSingleTrackResponseUsingGETAsync(trackingNumber, Guid.NewGuid().ToString("N"), "store", cancellationToken: ct);
        }
        catch (UpsTrackingClientException e) when (e.StatusCode == (int)HttpStatusCode.NotFound)
        {
            // A label UPS has not seen a scan for yet: nothing to tell, not a failure.
            return [];
        }
        catch (UpsTrackingClientException e) when (e.StatusCode == (int)HttpStatusCode.Unauthorized)
        {
            tokens.Forget(Code);
            throw;
        }

        var activities = response.TrackResponse?.Shipment?.FirstOrDefault()?.Package?.FirstOrDefault()?.Activity ?? [];
        return [.. activities
            .Select(a => (Activity: a, At: When(a)))
            .Where(a => a.At is not null && a.Activity.Status is not null)
            .OrderBy(a => a.At)
            .Select(a => new CarrierTrackingEvent(
                a.At!.Value,
                KindOf(a.Activity.Status!),
                $"{a.Activity.Status!.Type}{a.Activity.Status.Code}",
                a.Activity.Status.Description?.Trim(),
                Place(a.Activity.Location?.Address)))];
    }

    /// <summary>
    /// UPS's activity status types: M (label created, billing information received), MV (voided), P (picked up),
    /// I (in transit; out for delivery by its code), X (exception: still in transit, the description says why),
    /// RS (returning to the shipper), D (delivered), O (out for delivery in newer answers).
    /// </summary>
    internal static ShipmentEventKind KindOf(Status status) => status.Type?.ToUpperInvariant() switch
    {
        "M" or "MV" => ShipmentEventKind.LabelCreated,
        "P" => ShipmentEventKind.Shipped,
        "D" => ShipmentEventKind.Delivered,
        "O" => ShipmentEventKind.OutForDelivery,
        "I" when status.Code is { } code && OutForDeliveryCodes.Contains(code) => ShipmentEventKind.OutForDelivery,
        "I" when status.StatusCode == "072" => ShipmentEventKind.OutForDelivery,
        _ => ShipmentEventKind.InTransit,
    };

    /// <summary>The scan's moment in UTC: gmtDate and gmtTime when UPS gives them, else the local date and time with gmtOffset.</summary>
    internal static DateTimeOffset? When(Activity activity)
    {
        // UPS writes times as "HHmmss", "Hmmss" or "HH:mm:ss" depending on the field and the answer.
        if (activity.GmtDate is { Length: 8 } gmtDate && activity.GmtTime is { Length: > 0 } gmtTime
            && DateTime.TryParseExact(gmtDate + Digits(gmtTime), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            return new DateTimeOffset(utc, TimeSpan.Zero);
        }

        if (activity.Date is { Length: 8 } date && activity.Time is { Length: > 0 } time
            && DateTime.TryParseExact(date + Digits(time), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var offset = TimeSpan.TryParse(activity.GmtOffset?.TrimStart('+'), CultureInfo.InvariantCulture, out var o) ? o : TimeSpan.Zero;
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }

        return null;
    }

    private static string Digits(string time) => time.Replace(":", "", StringComparison.Ordinal).PadLeft(6, '0');

    private static string? Place(Address? address)
    {
        if (address is null)
        {
            return null;
        }

        var parts = new[] { address.City, address.StateProvince, address.CountryCode ?? address.Country }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
