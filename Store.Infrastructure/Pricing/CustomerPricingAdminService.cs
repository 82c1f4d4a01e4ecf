using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Store.Domain.Common;
using Store.Domain.Pricing;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Pricing;

public sealed record GroupPriceForm(string? Sku, string? Group, long? PriceMinor);

public sealed record TierForm(string? Sku, int? MinQuantity, long? PriceMinor);

public sealed record GroupPriceSummary(int Id, string Sku, string Name, string Group, long RegularMinor, long PriceMinor);

public sealed record TierSummary(int Id, string Sku, string Name, int MinQuantity, long RegularMinor, long PriceMinor);

public sealed record GroupMemberSummary(string Email, string Group);

/// <summary>
/// The owner's side of customer-group prices and quantity tiers: which group a customer buys in, and the group and
/// tier prices per variant SKU. Every change is audited in its own transaction and refreshes price facts and the
/// catalog cache like <see cref="PricingAdminService"/>. A refused form comes back with the field in the error code
/// (<c>groupPrice.price</c>) and nothing written.
/// </summary>
public sealed class CustomerPricingAdminService(StoreDbContext db, AuditLog audit, CatalogCache cache, PriceFacts facts)
{
    public async Task<IReadOnlyList<GroupMemberSummary>> MembersAsync(CancellationToken ct = default) =>
        await db.Users.AsNoTracking()
            .Where(u => u.CustomerGroup != null)
            .OrderBy(u => u.CustomerGroup).ThenBy(u => u.Email)
            .Take(500)
            .Select(u => new GroupMemberSummary(u.Email ?? u.UserName ?? u.Id, u.CustomerGroup!))
            .ToListAsync(ct);

    /// <summary>Puts the customer with this email in a group; an empty group takes them out of any.</summary>
    public async Task<Result<string?>> SetCustomerGroupAsync(string? email, string? group, string actor, CancellationToken ct = default)
    {
        var normalizedEmail = email?.Trim().ToUpperInvariant() ?? "";
        if (CustomerGroupRules.ValidateGroup(group) is { } invalid)
        {
            return DomainError.Invalid("customer.group", invalid);
        }

        var user = normalizedEmail.Length == 0 ? null : await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, ct);
        if (user is null)
        {
            return DomainError.Invalid("customer.email", $"No customer has the email \"{email?.Trim()}\".");
        }

        var before = user.CustomerGroup;
        user.CustomerGroup = CustomerGroupRules.Normalize(group);
        audit.Record(actor, "customer.group", "user", user.Id, new { user.Email, Before = before, After = user.CustomerGroup });
        await db.SaveChangesAsync(ct);
        return user.CustomerGroup;
    }

    public async Task<IReadOnlyList<GroupPriceSummary>> GroupPricesAsync(CancellationToken ct = default) =>
        await db.CustomerGroupPrices.AsNoTracking()
            .Join(db.Variants, p => p.VariantId, v => v.Id, (p, v) => new { p, v })
            .OrderBy(x => x.v.Sku).ThenBy(x => x.p.Group)
            .Take(500)
            .Select(x => new GroupPriceSummary(x.p.Id, x.v.Sku, x.v.Product.Name + " (" + x.v.Title + ")", x.p.Group, x.v.PriceMinor, x.p.PriceMinor))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<TierSummary>> TiersAsync(CancellationToken ct = default) =>
        await db.QuantityTiers.AsNoTracking()
            .Join(db.Variants, t => t.VariantId, v => v.Id, (t, v) => new { t, v })
            .OrderBy(x => x.v.Sku).ThenBy(x => x.t.MinQuantity)
            .Take(500)
            .Select(x => new TierSummary(x.t.Id, x.v.Sku, x.v.Product.Name + " (" + x.v.Title + ")", x.t.MinQuantity, x.v.PriceMinor, x.t.PriceMinor))
            .ToListAsync(ct);

    /// <summary>Creates (id null) or changes a group price; a price stays on the SKU it was made for.</summary>
    public Task<Result<int>> SaveGroupPriceAsync(int? id, GroupPriceForm form, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => SaveGroupPriceOnceAsync(id, form, actor, token), ct);

    private async Task<Result<int>> SaveGroupPriceOnceAsync(int? id, GroupPriceForm form, string actor, CancellationToken ct)
    {
        var errors = CustomerGroupRules.ValidateGroupPrice(form.Group, form.PriceMinor);
        if (errors.Count > 0)
        {
            var (field, message) = errors.First();
            return DomainError.Invalid($"groupPrice.{field}", message);
        }

        var variantId = await VariantIdAsync(form.Sku, ct);
        if (variantId is null)
        {
            return DomainError.Invalid("groupPrice.sku", $"No variant has the SKU \"{form.Sku?.Trim()}\".");
        }

        var group = CustomerGroupRules.Normalize(form.Group)!;
        if (await db.CustomerGroupPrices.AnyAsync(p => p.VariantId == variantId && p.Group == group && p.Id != (id ?? 0), ct))
        {
            return DomainError.Invalid("groupPrice.group", $"This variant already has a price for the group \"{group}\"; edit that one.");
        }

        StoredCustomerGroupPrice price;
        if (id is { } existing)
        {
            var found = await db.CustomerGroupPrices.FirstOrDefaultAsync(p => p.Id == existing, ct);
            if (found is null)
            {
                return DomainError.NotFound("groupPrice.unknown", "No such group price.");
            }

            if (found.VariantId != variantId)
            {
                return DomainError.Invalid("groupPrice.sku", "A group price stays on its variant; delete it and create a new one instead.");
            }

            price = found;
            price.Change(group, form.PriceMinor!.Value);
        }
        else
        {
            price = new StoredCustomerGroupPrice(variantId.Value, group, form.PriceMinor!.Value);
            db.CustomerGroupPrices.Add(price);
        }

        var saved = await SaveAuditedAsync(() => audit.Record(actor, id is null ? "group_price.created" : "group_price.changed", "customer_group_price", Text(price.Id), form), ct);
        return saved ? price.Id : DomainError.Invalid("groupPrice.group", $"This variant already has a price for the group \"{group}\"; edit that one.");
    }

    public Task<Result<bool>> DeleteGroupPriceAsync(int id, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => DeleteGroupPriceOnceAsync(id, actor, token), ct);

    private async Task<Result<bool>> DeleteGroupPriceOnceAsync(int id, string actor, CancellationToken ct)
    {
        var price = await db.CustomerGroupPrices.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (price is null)
        {
            return DomainError.NotFound("groupPrice.unknown", "No such group price.");
        }

        db.CustomerGroupPrices.Remove(price);
        await SaveAuditedAsync(() => audit.Record(actor, "group_price.deleted", "customer_group_price", Text(id), new { price.VariantId, price.Group, price.PriceMinor }), ct);
        return true;
    }

    /// <summary>Creates (id null) or changes a quantity tier; a tier stays on the SKU it was made for.</summary>
    public Task<Result<int>> SaveTierAsync(int? id, TierForm form, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => SaveTierOnceAsync(id, form, actor, token), ct);

    private async Task<Result<int>> SaveTierOnceAsync(int? id, TierForm form, string actor, CancellationToken ct)
    {
        var errors = CustomerGroupRules.ValidateTier(form.MinQuantity, form.PriceMinor);
        if (errors.Count > 0)
        {
            var (field, message) = errors.First();
            return DomainError.Invalid($"tier.{field}", message);
        }

        var variantId = await VariantIdAsync(form.Sku, ct);
        if (variantId is null)
        {
            return DomainError.Invalid("tier.sku", $"No variant has the SKU \"{form.Sku?.Trim()}\".");
        }

        var minQuantity = form.MinQuantity!.Value;
        var taken = $"This variant already has a tier from {minQuantity} units; edit that one.";
        if (await db.QuantityTiers.AnyAsync(t => t.VariantId == variantId && t.MinQuantity == minQuantity && t.Id != (id ?? 0), ct))
        {
            return DomainError.Invalid("tier.minQuantity", taken);
        }

        StoredQuantityTier tier;
        if (id is { } existing)
        {
            var found = await db.QuantityTiers.FirstOrDefaultAsync(t => t.Id == existing, ct);
            if (found is null)
            {
                return DomainError.NotFound("tier.unknown", "No such quantity tier.");
            }

            if (found.VariantId != variantId)
            {
                return DomainError.Invalid("tier.sku", "A tier stays on its variant; delete it and create a new one instead.");
            }

            tier = found;
            tier.Change(minQuantity, form.PriceMinor!.Value);
        }
        else
        {
            tier = new StoredQuantityTier(variantId.Value, minQuantity, form.PriceMinor!.Value);
            db.QuantityTiers.Add(tier);
        }

        var saved = await SaveAuditedAsync(() => audit.Record(actor, id is null ? "quantity_tier.created" : "quantity_tier.changed", "quantity_tier", Text(tier.Id), form), ct);
        return saved ? tier.Id : DomainError.Invalid("tier.minQuantity", taken);
    }

    public Task<Result<bool>> DeleteTierAsync(int id, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => DeleteTierOnceAsync(id, actor, token), ct);

    private async Task<Result<bool>> DeleteTierOnceAsync(int id, string actor, CancellationToken ct)
    {
        var tier = await db.QuantityTiers.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tier is null)
        {
            return DomainError.NotFound("tier.unknown", "No such quantity tier.");
        }

        db.QuantityTiers.Remove(tier);
        await SaveAuditedAsync(() => audit.Record(actor, "quantity_tier.deleted", "quantity_tier", Text(id), new { tier.VariantId, tier.MinQuantity, tier.PriceMinor }), ct);
        return true;
    }

    private async Task<int?> VariantIdAsync(string? sku, CancellationToken ct)
    {
        var code = sku?.Trim().ToUpperInvariant() ?? "";
        return code.Length == 0 ? null : await db.Variants.Where(v => v.Sku == code).Select(v => (int?)v.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Saves the change and then its audit entry (which needs the new id) in one transaction, then refreshes price
    /// facts and the catalog cache. A unique-index race (two owners adding the same price) comes back as false, with
    /// nothing written and the context cleared for the next try.
    /// </summary>
    private async Task<bool> SaveAuditedAsync(Action recordAudit, CancellationToken ct)
    {
        await using (var tx = await OwnedTransaction.BeginAsync(db.Database, ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
                recordAudit();
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return false;
            }
        }

        await facts.RefreshAsync(ct);
        cache.Invalidate();
        return true;
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
