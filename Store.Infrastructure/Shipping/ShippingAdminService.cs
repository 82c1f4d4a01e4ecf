using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Shipping;

public sealed record ShippingZoneRow(string Id, string Name, string Areas, int MethodCount);

public sealed record ShippingMethodRow(string Id, string Carrier, string Service, string ZoneId, RateKind Kind, long FlatPriceMinor, string Brackets, long? FreeOverMinor, int MinBusinessDays, int MaxBusinessDays, string Currency)
{
    public DeliveryEstimate Estimate => new(MinBusinessDays, MaxBusinessDays);
}

/// <summary>
/// Staff keeping shipping zones and the carrier methods offered in them. Checkout reads these on every quote; a
/// placed order keeps the service and price it was sold with. Forms answer with messages per field, never a 500.
/// </summary>
public sealed class ShippingAdminService(StoreDbContext db, AuditLog audit, IOptions<ShopOptions> options)
{
    public async Task<IReadOnlyList<ShippingZoneRow>> ZonesAsync(CancellationToken ct = default)
    {
        var zones = await db.ShippingZones.AsNoTracking().OrderBy(z => z.Name).ToListAsync(ct);
        var counts = await db.ShippingMethods.AsNoTracking().GroupBy(m => m.ZoneId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. zones.Select(z => new ShippingZoneRow(z.Id, z.Name, ShippingZoneInput.FormatAreas(z.Areas), counts.GetValueOrDefault(z.Id)))];
    }

    public async Task<IReadOnlyList<ShippingMethodRow>> MethodsAsync(CancellationToken ct = default)
    {
        var methods = await db.ShippingMethods.AsNoTracking().OrderBy(m => m.ZoneId).ThenBy(m => m.Carrier).ThenBy(m => m.Service).ToListAsync(ct);
        return [.. methods.Select(m => new ShippingMethodRow(
            m.Id, m.Carrier, m.Service, m.ZoneId, m.Kind, m.FlatPriceMinor, ShippingMethodInput.FormatBrackets(m.Brackets.Select(b => (b.UpTo, b.PriceMinor))), m.FreeOverMinor, m.MinBusinessDays, m.MaxBusinessDays, m.Currency))];
    }

    /// <param name="isNew">True to add a zone with this id, false to change the zone that has it.</param>
    /// <returns>What is wrong, by form field ("" for the whole form); empty when the zone was saved.</returns>
    public async Task<IReadOnlyDictionary<string, string[]>> SaveZoneAsync(bool isNew, ShippingZoneInput input, string actor, CancellationToken ct = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return errors;
        }

        var zone = await db.ShippingZones.FirstOrDefaultAsync(z => z.Id == input.Id, ct);
        if (isNew && zone is not null)
        {
            return Error(nameof(ShippingZoneInput.Id), "A zone with this id exists already.");
        }

        if (!isNew && zone is null)
        {
            return Error("", "This zone no longer exists.");
        }

        if (zone is null)
        {
            db.ShippingZones.Add(new StoredShippingZone(input.Id!, input.Name!.Trim(), input.ParseAreas()!));
        }
        else
        {
            zone.Update(input.Name!.Trim(), input.ParseAreas()!);
        }

        audit.Record(actor, isNew ? "shipping.zone.created" : "shipping.zone.updated", "shipping_zone", input.Id!, input);
        await db.SaveChangesAsync(ct);
        return NoErrors;
    }

    public async Task<Result<bool>> DeleteZoneAsync(string id, string actor, CancellationToken ct = default)
    {
        if (await db.ShippingMethods.AnyAsync(m => m.ZoneId == id, ct))
        {
            return DomainError.Conflict("shipping.zone.in_use", "Delete or move this zone's methods first.");
        }

        var zone = await db.ShippingZones.FirstOrDefaultAsync(z => z.Id == id, ct);
        if (zone is null)
        {
            return DomainError.NotFound("shipping.zone", "No such shipping zone.");
        }

        db.ShippingZones.Remove(zone);
        audit.Record(actor, "shipping.zone.deleted", "shipping_zone", id, new { zone.Name });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <returns>What is wrong, by form field ("" for the whole form); empty when the method was saved.</returns>
    public async Task<IReadOnlyDictionary<string, string[]>> SaveMethodAsync(bool isNew, ShippingMethodInput input, string actor, CancellationToken ct = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return errors;
        }

        if (!await db.ShippingZones.AnyAsync(z => z.Id == input.ZoneId, ct))
        {
            return Error(nameof(ShippingMethodInput.ZoneId), "Choose an existing zone.");
        }

        var method = await db.ShippingMethods.FirstOrDefaultAsync(m => m.Id == input.Id, ct);
        if (isNew && method is not null)
        {
            return Error(nameof(ShippingMethodInput.Id), "A method with this id exists already.");
        }

        if (!isNew && method is null)
        {
            return Error("", "This method no longer exists.");
        }

        var carrier = input.Carrier!.Trim();
        var service = input.Service!.Trim();
        if (await db.ShippingMethods.AnyAsync(m => m.Id != input.Id && m.Carrier == carrier && m.Service == service, ct))
        {
            // Orders and shipments know a method by "Carrier Service": two with the same name could not be told apart.
            return Error(nameof(ShippingMethodInput.Service), "Another method has this carrier and service already.");
        }

        if (method is null)
        {
            method = new StoredShippingMethod(input.Id!, carrier, service, input.ZoneId!, input.Kind, options.Value.Currency, 0, [], null, 0, 0);
            db.ShippingMethods.Add(method);
        }

        method.Update(input);
        audit.Record(actor, isNew ? "shipping.method.created" : "shipping.method.updated", "shipping_method", input.Id!, input);
        await db.SaveChangesAsync(ct);
        return NoErrors;
    }

    public async Task<Result<bool>> DeleteMethodAsync(string id, string actor, CancellationToken ct = default)
    {
        var method = await db.ShippingMethods.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (method is null)
        {
            return DomainError.NotFound("shipping.method", "No such shipping method.");
        }

        db.ShippingMethods.Remove(method);
        audit.Record(actor, "shipping.method.deleted", "shipping_method", id, new { method.Carrier, method.Service });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };
}
